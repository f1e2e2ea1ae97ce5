import { useTranslation } from "react-i18next";
import type { ListingDetail } from "../../../server/listings/schemas";
import type { Failure } from "../../lib/use-auction-room";
import { useMoney } from "./room-format";

/** A refused bid or proxy change, in the reader's language, with the amounts it names. */
export function useFailureText(listing: Pick<ListingDetail, "currency" | "increment">) {
  const { t } = useTranslation();
  const { money } = useMoney(listing.currency);
  return (failure: Failure): string => {
    const { details } = failure;
    const amount = (value: unknown) => (typeof value === "string" && /^\d+$/.test(value) ? money(value) : "");
    return t(`auction.errors.${failure.code}`, {
      minimum: amount(details.nextMinimumBid) || amount(details.minimum),
      increment: money(listing.increment),
      seconds: typeof details.retryAfterSeconds === "number" ? details.retryAfterSeconds : 10,
      defaultValue: t("auction.errors.generic"),
    });
  };
}
