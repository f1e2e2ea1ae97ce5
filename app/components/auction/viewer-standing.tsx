import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../core/contract/listings";
import type { AuctionRoom } from "../../lib/auction-room/use-auction-room";
import { useMoney } from "./room-format";

/** A registration as both rooms know it. */
type Registration = { status: string; bidderCode: string | null } | null;
const box = "rounded-md border px-3 py-2 text-sm";

/**
 * What a viewer who may not bid is told, in an auction room and a tender alike: sign in, register,
 * or where its registration stands (pending, withdrawn, rejected). Nothing for an approved bidder.
 */
export function StandingPrompt({
  listingId,
  signedIn,
  registration,
  surface = "",
}: {
  listingId: string;
  signedIn: boolean;
  registration: Registration;
  /** The box's background where the panel around it has none. */
  surface?: string;
}) {
  const { t } = useTranslation();
  if (!signedIn) {
    return (
      <div className={`${box} border-slate-200 ${surface}`} data-testid="viewer-standing">
        <Link
          to={`/signin?redirectTo=${encodeURIComponent(`/listings/${listingId}`)}`}
          className="font-semibold text-brand-700 underline"
        >
          {t("auction.viewer.signIn")}
        </Link>
        <p className="mt-1 text-slate-600">{t("auction.viewer.signInHint")}</p>
      </div>
    );
  }
  if (!registration) {
    return (
      <div className={`${box} border-slate-200 ${surface}`} data-testid="viewer-standing">
        <p className="font-semibold">{t("auction.viewer.notRegistered")}</p>
        <p className="mt-1 text-slate-600">{t("auction.viewer.notRegisteredHint")}</p>
      </div>
    );
  }
  if (registration.status === "approved") return null;
  const status = registration.status === "pending" || registration.status === "withdrawn" ? registration.status : "rejected";
  return (
    <div className={`${box} border-amber-300 bg-amber-50 text-amber-900`} data-testid="viewer-standing">
      <p className="font-semibold">{t(`auction.viewer.${status}`)}</p>
    </div>
  );
}

/** Where the viewer stands: signed out, not registered, pending, or its code and whether it leads. */
export function ViewerStanding({ room, listing, signedIn }: { room: AuctionRoom; listing: ListingDetail; signedIn: boolean }) {
  const { t } = useTranslation();
  const { money } = useMoney(listing.currency);
  const registration = room.viewer.registration;
  const open = room.state.status === "live" || room.state.status === "announced";
  // After the close only a bidder's own code still matters to it.
  if (!open && registration?.status !== "approved") return null;

  if (!registration || registration.status !== "approved") {
    return <StandingPrompt listingId={listing.id} signedIn={signedIn} registration={registration} surface="bg-white" />;
  }

  const code = registration.bidderCode ?? "?";
  const standing = room.standing ?? "noBidYet";
  const tone =
    standing === "leading"
      ? "border-emerald-300 bg-emerald-50 text-emerald-900"
      : standing === "outbid"
        ? "border-rose-300 bg-rose-50 text-rose-900"
        : "border-slate-200 bg-white";
  const live = room.state.status === "live";
  return (
    <div className={`${box} ${tone}`} data-testid="viewer-standing">
      <p>
        {t("auction.viewer.code")}
        {t("auction.colon")}
        <strong className="font-mono text-base" data-testid="my-code">
          {code}
        </strong>
      </p>
      {live ? (
        <p className="mt-1 font-semibold" data-testid="my-standing">
          {t(`auction.viewer.${standing}`)}
        </p>
      ) : null}
      {room.viewer.proxyMaximum && live ? (
        <p className="mt-1">{t("auction.viewer.proxy", { amount: money(room.viewer.proxyMaximum) })}</p>
      ) : null}
    </div>
  );
}
