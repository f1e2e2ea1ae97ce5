import type { Messages } from "../messages";

/** English messages for re-listing rounds and the fixed-price sale. */
const roundsEn = {
  rounds: {
    roundBadge: "Round {{round}}",
    // The seller's workspace: what may follow a failed listing.
    next: {
      relistHeading: "Re-list as round {{round}}",
      relistIntro:
        "This auction failed. You may re-list it until {{deadline}} as round {{round}}, starting at most {{cut}}% below the last start of {{previous}}: the lowest allowed start is {{lowest}}.",
      relistHow:
        "A re-listing within these limits needs no second review: it is approved at once and waits for the operator to publish its announcement, which runs for a shorter period than a first listing's. Bidding opens when that period is over.",
      fixedHeading: "Offer at a fixed price",
      fixedIntro:
        "The lot has failed in {{failed}} rounds. You may offer it until {{deadline}} at the last round's start of {{price}}; the offer stands until {{offerEnds}}.",
      fixedHow:
        "Once the operator has published the announcement, the first registered investor who commits the full price takes the lot, unless others bid higher within the following {{hours}} hours. With no taker by {{offerEnds}}, the offer lapses.",
      fixedFigures: "Increment {{increment}} and deposit {{deposit}}, as in the last round.",
      noneHeading: "No further round",
      none: {
        RELIST_TOO_LATE: "The time to re-list this failed listing ended on {{deadline}}.",
        NO_FURTHER_ROUND: "A fixed-price sale that found no taker ends the lot's rounds.",
        NOT_FAILED: "Only a failed listing can be followed by another round.",
        ALREADY_RELISTED: "This listing already has its next round.",
      },
      followedBy: "Followed by round {{round}} ({{status}}).",
      openNext: "Open round {{round}}",
      follows: "Round {{round}} of this lot, after the failed round {{previous}}.",
      openPrevious: "Open the failed round",
      notYours: "Only the seller's admins and staff may put this lot up again.",
      startingPrice: "Starting price ({{unit}})",
      startingPriceHint: "At least {{lowest}} and at most {{previous}}.",
      increment: "Increment ({{unit}})",
      incrementHint: "At most 10% of the start.",
      deposit: "Deposit ({{unit}})",
      depositHint: "5% to 20% of the start.",
      startsAt: "Bidding starts (China Standard Time)",
      startsAtHint: "Moved later if the announcement period has not ended by then.",
      endsAt: "Bidding ends (China Standard Time)",
      endsAtHint: "At least 24 hours after the start.",
      relistButton: "Re-list as round {{round}}",
      confirmRelistTitle: "Re-list “{{title}}” as round {{round}}?",
      confirmRelistBody:
        "A new listing is created from this one with the figures you entered and goes to the operator to announce. The failed round stays on record, and those who followed it are told.",
      offerButton: "Offer at a fixed price",
      confirmOfferTitle: "Offer “{{title}}” at {{price}}?",
      confirmOfferBody:
        "A fixed-price sale is created as round {{round}} and goes to the operator to announce. It cannot be re-listed again if nobody takes it.",
      done: "Round {{round}} is created and waits for the operator to publish its announcement.",
    },
    errors: {
      NOT_FAILED: "Only a failed listing can be put up again.",
      RELIST_TOO_LATE: "The time to re-list ended on {{deadline}}.",
      START_CUT_TOO_DEEP: "The start may be at most {{cut}}% below the last round's: at least {{lowest}}.",
      START_RAISED: "A next round may not start above the failed one.",
      FIXED_PRICE_DUE: "After the second failed round the lot is offered at a fixed price instead.",
      FIXED_PRICE_NOT_DUE: "A fixed-price sale follows the second failed round.",
      ALREADY_RELISTED: "This listing already has its next round. Reload the page to see it.",
      NO_FURTHER_ROUND: "A fixed-price sale that found no taker ends the lot's rounds.",
      FORBIDDEN: "Only the seller's admins and staff may put this lot up again.",
    },
    // The public listing page.
    history: {
      heading: "Earlier rounds of this lot",
      caption_one: "{{count}} earlier round",
      caption_other: "{{count}} earlier rounds",
      colRound: "Round",
      colMode: "Sale mode",
      colStart: "Starting price",
      colOutcome: "Outcome",
      colClosed: "Closed",
      colLink: "Listing",
      open: "View round {{round}}",
      outcome: {
        no_bids: "Failed: no bids",
        reserve_not_met: "Failed: reserve not met",
        sold: "Sold",
        designated_floor: "Sold at the designated floor",
        none: "Failed",
      },
      nextAnnounced: "This lot is offered again as round {{round}} ({{mode}}).",
      nextComing: "This lot is to be offered again as round {{round}}: its announcement will be published here.",
      openNext: "Open round {{round}}",
    },
    fixedPrice: {
      heading: "Fixed-price sale",
      announced:
        "From {{start}}, the first registered investor who commits the fixed price of {{price}} takes the lot, unless others bid higher within the following {{hours}} hours. If nobody takes it by {{end}}, the offer lapses.",
      announcedNow: "Now: register to take part, with a deposit of {{deposit}}. Registration stays open while the offer stands.",
      open: "Take it at the fixed price: the first taker opens a {{hours}}-hour window in which others may bid higher.",
      openNext: "Nobody has taken it yet. The offer stands until {{end}}; with no taker by then it lapses.",
      taken: "Taken at {{price}}: others may bid higher until {{end}}.",
      best: "The best bid is now {{current}}, by bidder {{code}}.",
      takenNext:
        "Each higher bid adds a whole multiple of {{increment}}; a bid in the last minutes moves the end later. When the window closes, the best bid buys the lot.",
      sold: "Sold at {{price}} to bidder {{code}}.",
      lapsed: "The offer lapsed: nobody took the lot at the fixed price.",
      takeButton: "Take it at {{amount}}",
    },
    event: {
      listing: {
        relisted: "Created as a next round",
        next_round: "Followed by a next round",
      },
    },
  },
};

export default roundsEn;

export type RoundsMessages = Messages<typeof roundsEn>;
