import { useTranslation } from "react-i18next";
import { formatMoney } from "../../../core/money";
import { formatDateTime } from "../../../core/time";
import { ConfirmDialog } from "../../components/confirm-dialog";

/** The runner-up's own banner on the listing: the offer, its deadline, accept or decline. */
export function RunnerUpOffer({
  offer,
  currency,
  outcome,
}: {
  offer: { price: string; deadline: string };
  currency: string;
  outcome?: { runnerUp: string } | { runnerUpRefusal: string };
}) {
  const { t, i18n } = useTranslation();
  const price = formatMoney(offer.price, currency, i18n.language);
  return (
    <section
      aria-labelledby="runner-up-heading"
      className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm"
      data-testid="runner-up-banner"
    >
      <h2 id="runner-up-heading" className="font-semibold">
        {t("runnerUp.bannerHeading")}
      </h2>
      <p className="mt-1">{t("runnerUp.banner", { price, deadline: formatDateTime(offer.deadline, i18n.language) })}</p>
      {outcome && "runnerUpRefusal" in outcome ? (
        <p role="alert" className="mt-2 text-rose-800">
          {t(`runnerUp.errors.${outcome.runnerUpRefusal}`, { defaultValue: t("negotiation.errors.generic") })}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <ConfirmDialog
          triggerLabel={t("runnerUp.accept", { price })}
          title={t("runnerUp.acceptTitle")}
          description={t("runnerUp.acceptBody", { price })}
          confirmLabel={t("runnerUp.acceptConfirm")}
          intent="runner_up_accept"
        />
        <ConfirmDialog
          triggerLabel={t("runnerUp.decline")}
          triggerTone="secondary"
          title={t("runnerUp.declineTitle")}
          description={t("runnerUp.declineBody")}
          confirmLabel={t("runnerUp.declineConfirm")}
          tone="danger"
          intent="runner_up_decline"
        />
      </div>
    </section>
  );
}
