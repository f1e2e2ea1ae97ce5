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
      accept: "I commit to buy at this floor if no other qualified bidder comes; I understand this commitment cannot be withdrawn once made.",
      submit: "Commit my floor",
    },
    invitations: {
      heading: "Designated purchases awaiting your commitment",
      ask: "{{seller}} names your organisation as designated investor, at a floor of",
      review: "Review and commit",
    },
    form: {
      tenderPricing: "Tender pricing",
      tenderPricingHint: "What the winner pays: its own bid, or the next highest (never below the reserve or the start).",
      firstPrice: "First price: the winner pays its bid",
      secondPrice: "Second price: the winner pays the next highest bid",
      investor: "Designated investor",
      investorHint: "It commits its floor, which must be this starting price, from its own account before review.",
      chooseInvestor: "Choose an investor organisation",
    },
    workspace: {
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
    tenderGuide: {
      now: "Registered bidders may submit one sealed bid, and replace it, until {{deadline}}. Nobody can see the amounts before then.",
      opening: "At the deadline every bid is opened together and published with its commitment, so each bidder can check its receipt.",
      firstPrice: "The highest bid at or above the reserve wins and pays its own bid; ties go to the earlier submission.",
      secondPrice:
        "The highest bid at or above the reserve wins and pays the next highest bid (never less than the reserve or the start); ties go to the earlier submission.",
    },
  },
};

export default saleModesEn;
