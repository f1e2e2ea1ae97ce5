import type { Messages } from "../messages";

/** Sealed tenders and designated purchases: drafting them, committing, and what investors read. */
const saleModesEn = {
  designated: {
    badge: "Designated commitment",
    commit: {
      title: "Commit as designated investor",
      intro:
        "{{seller}} names your organisation as the designated investor of this disposal. Before it is announced, you commit to buy at its starting price, your floor, and put down the deposit; an operator screens you like any bidder.",
      heading: "Your commitment",
      explain:
        "By committing, you undertake to buy this lot from {{seller}} at the floor below if no other qualified bidder comes. The floor becomes the public starting price.",
      floor: "Floor (the starting price)",
      stepReview: "The seller's committee reviews the listing; an operator confirms your deposit and approves your commitment.",
      stepExtend:
        "The disposal is announced publicly. If fewer than two other bidders have registered when registration closes, registration is extended once, by 3 working days.",
      stepAlone: "If still nobody else has registered, you buy the lot at your floor, without a live round.",
      stepAuction: "Otherwise a live auction runs from the floor, and you may bid like anyone else.",
      accept:
        "I commit to buy at this floor if no other qualified bidder comes; I understand this commitment cannot be withdrawn once made.",
      submit: "Commit my floor",
    },
    invitations: {
      heading: "Designated purchases awaiting your commitment",
      ask: "{{seller}} names your organisation as designated investor, at a floor of",
      review: "Review and commit",
    },
    form: {
      counterparty: "Counterparty",
      counterpartyHint: "The one investor organisation this lot is negotiated with; it registers like any bidder.",
      justification: "Why a negotiated transfer",
      justificationHint:
        "Recorded with the listing and reviewed at your top approval tier, e.g. the buyer holds the only security over the collateral.",
      bestAndFinal: "Best-and-final round: invite the top bidders",
      bestAndFinalHint:
        "Leave empty for none. With 2 to 10, the best bidders of the first opening may submit one final sealed bid.",
      tenderPricing: "Tender pricing",
      tenderPricingHint: "What the winner pays: its own bid, or the next highest (never below the reserve or the start).",
      firstPrice: "First price: the winner pays its bid",
      secondPrice: "Second price: the winner pays the next highest bid",
      investor: "Designated investor",
      investorHint: "It commits its floor, which must be this starting price, from its own account before review.",
      chooseInvestor: "Choose an investor organisation",
    },
    workspace: {
      bestAndFinalTop: "The top {{count}} bidders of the first opening",
      investor: "Designated investor",
      commitment: "Its commitment",
      notCommitted: "Not committed yet: the investor commits from its account before review.",
      commitment_pending: "Floor {{floor}} committed on {{at}}; awaiting the operator's approval",
      commitment_approved: "Floor {{floor}} committed on {{at}}; approved",
      commitment_rejected: "Floor {{floor}} committed on {{at}}; not approved",
      commitment_withdrawn: "Floor {{floor}} committed on {{at}}; withdrawn",
      extended: "Registration extended",
    },
    guide: {
      heading_designated: "Designated purchase: how this sale works",
      heading_tender: "Sealed tender: how this sale works",
      heading_negotiated: "Negotiated transfer: how this sale works",
      whatNext: "What happens next",
      nowAnnounced:
        "An investor has committed to buy at the starting price of {{floor}} if nobody else bids. You may register to bid until {{until}}.",
      extendOnce:
        "When registration closes, if fewer than two other bidders have registered, it is extended once, by 3 working days.",
      extended: "Registration was extended on {{at}}, once, because too few bidders had registered; it now closes on {{until}}.",
      alone: "If still nobody else has registered, the designated investor buys at its floor, without a live round.",
      auction: "Otherwise a live auction opens at {{start}}, and the designated investor may bid like anyone else.",
      nowLive: "Live auction from the designated floor of {{floor}}; bidding ends at {{end}} unless a late bid extends it.",
      noBids: "If nobody bids, the designated investor buys at its floor.",
      boughtAtFloor: "The designated investor bought the lot at its committed floor of {{floor}}.",
    },
    negotiatedGuide: {
      nowAnnounced:
        "This lot is offered by negotiated transfer to one named investor, a choice the seller justified and its top approval tier approved. Objections may be filed until {{until}}.",
      nowLive: "The seller and its counterparty are negotiating privately until {{end}}.",
      thread:
        "Once the announcement period is over, the two negotiate privately until {{end}}: each offer binds its maker until answered or lapsed.",
      published: "If they agree, the listing is awarded and the agreed price is published; if not, it fails at the end.",
    },
    tenderGuide: {
      finalRound:
        "Best-and-final round: the top {{count}} bidders of the first opening may each submit one final sealed bid, no lower than their own, before the deadline below. Nothing has been unsealed yet.",
      bestAndFinal:
        "With a best-and-final round, the first opening only shortlists the top {{count}} bidders, who may then submit one final sealed bid each.",
      now: "Registered bidders may submit one sealed bid, and replace it, until {{deadline}}. Nobody can see the amounts before then.",
      opening:
        "At the deadline every bid is opened together and published with its commitment, so each bidder can check its receipt.",
      firstPrice: "The highest bid at or above the reserve wins and pays its own bid; ties go to the earlier submission.",
      secondPrice:
        "The highest bid at or above the reserve wins and pays the next highest bid (never less than the reserve or the start); ties go to the earlier submission.",
    },
  },
  negotiation: {
    askingPrice: "Asking price",
    heading: "Negotiation",
    intro_seller:
      "Private to your organisation, the counterparty and the platform's operators. Your offer binds you until it is answered or lapses; your admin accepts the counterparty's.",
    intro_investor:
      "Private to your organisation, the seller and the platform's operators. Your offer binds you until it is answered or lapses.",
    intro_operator: "The parties' thread, read-only.",
    you: "You",
    party: { seller: "Seller", investor: "Counterparty" },
    none: "No offer yet.",
    offers: "Offers, oldest first",
    status: { open: "Standing", countered: "Countered", accepted: "Accepted", expired: "Lapsed" },
    lapses: "lapses {{at}}",
    agreed: "Agreed at {{price}}: the listing is awarded.",
    amount: "Your offer in {{unit}}",
    standsFor: "It stands for",
    hours_one: "{{count}} hour",
    hours_other: "{{count}} hours",
    binding:
      "Never beyond the end of the negotiation. You cannot withdraw an offer: it binds you until it is answered or lapses.",
    offer: "Make the offer",
    counter: "Make a counter-offer",
    accept: "Accept {{price}}",
    acceptTitle: "Accept this offer?",
    acceptBody: "The listing is awarded at {{price}} at once; this cannot be undone.",
    acceptConfirm: "Accept and award",
    errors: {
      generic: "That did not work. Reload the page to see where the negotiation stands.",
      VALIDATION_FAILED: "Enter the amount as a number and choose how long the offer stands.",
      NOT_YOUR_TURN: "Your offer stands until it is answered or lapses.",
      NO_OPEN_OFFER: "There is no standing offer to accept.",
      OFFER_EXPIRED: "That offer has lapsed.",
      BAD_EXPIRY: "An offer cannot stand beyond the end of the negotiation.",
      BAD_AMOUNT: "An offer needs a positive amount.",
      ALREADY_AGREED: "The parties have already agreed.",
      NOT_REGISTERED: "The counterparty must be registered and approved before offers are made.",
      FORBIDDEN: "Accepting binds the seller: its admin accepts.",
      LISTING_NOT_LIVE: "The negotiation is not open.",
      LISTING_ENDED: "The negotiation period has ended.",
      INVALID_TRANSITION: "The negotiation has already ended.",
    },
  },
  runnerUp: {
    heading: "The winner's default",
    explain:
      "If the winner does not sign or pay, record its default: its deposit is forfeited, and the lot may be offered to the runner-up at its own last bid, or the award fails and the seller may re-list.",
    record: "Record the winner's default",
    recordTitle: "Record the winner's default?",
    recordBody: "This is recorded with your reason and cannot be undone.",
    recordConfirm: "Record the default",
    reason: "How the winner defaulted",
    offerLabel: "Offer the lot to the runner-up at its own last bid",
    deadline: "The runner-up has",
    offered: "Offered to bidder {{code}} at {{price}} until {{deadline}}.",
    done_offered: "The default is recorded and the runner-up has been offered the lot.",
    done_failed: "The default is recorded and the award has failed: the seller may re-list the lot.",
    bannerHeading: "You are offered this lot as runner-up",
    banner: "The winner defaulted. You may buy the lot at your own last bid of {{price}}; the offer stands until {{deadline}}.",
    accept: "Accept at {{price}}",
    acceptTitle: "Accept the lot?",
    acceptBody: "You become the winner at {{price}} and the usual closing follows: confirmation, balance, transfer.",
    acceptConfirm: "Accept",
    decline: "Decline",
    declineTitle: "Decline the offer?",
    declineBody: "The award fails and the seller may re-list the lot.",
    declineConfirm: "Decline",
    errors: {
      OFFER_EXPIRED: "The offer has lapsed.",
      NOT_FOUND: "There is no offer for you on this listing.",
    },
  },
};

export default saleModesEn;
export type SaleModesMessages = Messages<typeof saleModesEn>;
