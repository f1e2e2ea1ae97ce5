import { useTranslation } from "react-i18next";
import type { Failure } from "../../lib/auction-room/bid-client";
import { useMoney } from "./room-format";

/**
 * A message kept as its key and raw values, translated and formatted when shown: a refusal
 * read in English still reads right after the viewer switches to Chinese.
 */
export interface Message {
  key: string;
  values?: Record<string, string | number>;
  /** Amounts in minor units, formatted in the page's language. */
  amounts?: Record<string, string>;
}

/** A refused bid or proxy change: the code's own text with the amounts it names. */
export function failureMessage(failure: Failure, increment: string): Message {
  const { details } = failure;
  const minor = (value: unknown) => (typeof value === "string" && /^\d+$/.test(value) ? value : undefined);
  const minimum = minor(details.nextMinimumBid) ?? minor(details.minimum);
  const maximum = minor(details.maximum);
  return {
    key: `auction.errors.${failure.code}`,
    values: {
      seconds: typeof details.retryAfterSeconds === "number" ? details.retryAfterSeconds : 10,
      multiple: typeof details.multiple === "string" ? details.multiple : "",
    },
    amounts: { increment, ...(minimum ? { minimum } : {}), ...(maximum ? { maximum } : {}) },
  };
}

export function useSay(currency: string) {
  const { t } = useTranslation();
  const { money, unit } = useMoney(currency);
  return (message: Message): string =>
    t(message.key, {
      unit,
      ...message.values,
      ...Object.fromEntries(Object.entries(message.amounts ?? {}).map(([name, minor]) => [name, money(minor)])),
      defaultValue: t("auction.errors.generic"),
    });
}
