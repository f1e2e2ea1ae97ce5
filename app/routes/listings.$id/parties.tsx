import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonStyle } from "../../components/forms";

interface Party {
  role: string;
  name: string;
  idNumber: string;
}

/**
 * A lot's borrowers and guarantors: masked for everyone, and in full once an entitled reader asks
 * (each reveal recorded in the audit log).
 */
export function PartiesList({
  assetId,
  masked,
  revealed,
  refused,
  mayReveal,
}: {
  assetId: string;
  masked: Party[];
  revealed?: Party[];
  refused?: boolean;
  mayReveal: boolean;
}) {
  const { t } = useTranslation();
  const shown = revealed ?? masked;
  return (
    <div className="mt-3">
      <h4 className="text-sm font-medium">{t("listing.parties")}</h4>
      <ul className="mt-1 text-sm" data-testid="parties">
        {shown.map((p, i) => (
          <li key={i} className="flex flex-wrap gap-x-3">
            <span className="text-slate-600">{t(`party.${p.role}`)}</span>
            <span>{p.name}</span>
            <span className="font-mono text-slate-600">{p.idNumber}</span>
          </li>
        ))}
      </ul>
      {revealed ? (
        <p className="mt-1 text-xs text-slate-600">{t("listing.partiesRevealed")}</p>
      ) : (
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <p className="text-xs text-slate-600">{refused ? t("listing.partiesRefused") : t("listing.partiesMasked")}</p>
          {mayReveal && !refused ? (
            <Form method="post" preventScrollReset>
              <input type="hidden" name="intent" value="reveal-parties" />
              <input type="hidden" name="assetId" value={assetId} />
              <button type="submit" className={buttonStyle("secondary", "sm")}>
                {t("listing.revealParties")}
              </button>
            </Form>
          ) : null}
        </div>
      )}
    </div>
  );
}
