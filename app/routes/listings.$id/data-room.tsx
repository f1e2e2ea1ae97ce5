import { useTranslation } from "react-i18next";
import type { DataRoomView, QuestionView } from "../../../core/contract/documents";
import { AskForm, QuestionList } from "../../components/questions";
import { DocumentTable, LockedTiers } from "../../components/data-room";

/** The listing's data room as this reader opens it: the documents of its tiers, and how many more the others hold. */
export function DataRoomSection({ listingId, room }: { listingId: string; room: DataRoomView }) {
  const { t } = useTranslation();
  if (room.documents.length === 0 && room.locked.length === 0 && !room.loanTape) return null;
  const investor = !room.access.staff && room.access.tiers.includes("registered");
  return (
    <section aria-labelledby="data-room-heading" className="space-y-3">
      <h2 id="data-room-heading" className="text-lg font-semibold">
        {t("dataRoom.title")}
      </h2>
      <p className="text-sm text-slate-700">
        {t("dataRoom.listingIntro")} {investor ? t("dataRoom.watermarkNote") : null}
      </p>
      {room.loanTape ? <LoanTapeLinks listingId={listingId} /> : null}
      <DocumentTable documents={room.documents} hrefOf={(d) => `/listings/${listingId}/documents/${d.id}`} roomShown />
      <LockedTiers locked={room.locked} />
    </section>
  );
}

/** The lot's cover photo, when its seller chose one. */
export function CoverPhoto({ listingId, room, alt }: { listingId: string; room: DataRoomView | null; alt: string }) {
  const cover = room?.documents.find((d) => d.cover);
  if (!cover) return null;
  return (
    <img
      src={`/listings/${listingId}/documents/${cover.id}?view=1`}
      alt={alt}
      className="mt-4 aspect-[16/7] w-full rounded-lg border border-slate-200 object-cover"
    />
  );
}

/** The package's loans as a loan tape, in the reader's language or the other. */
function LoanTapeLinks({ listingId }: { listingId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("zh") ? "zh-CN" : "en";
  return (
    <p className="flex flex-wrap items-center gap-3 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm">
      <span>{t("dataRoom.tape.intro")}</span>
      <a href={`/listings/${listingId}/tape?format=xlsx&lang=${lang}`} download className="text-brand-700 underline">
        {t("dataRoom.tape.xlsx")}
      </a>
      <a href={`/listings/${listingId}/tape?format=csv&lang=${lang}`} download className="text-brand-700 underline">
        {t("dataRoom.tape.csv")}
      </a>
    </p>
  );
}

/** Questions to the seller: approved bidders ask and read every answer; the seller answers in its data room. */
export function QuestionsSection({
  room,
  questions,
  status,
  answer,
}: {
  room: DataRoomView;
  questions: QuestionView[];
  status: string;
  answer?: { asked?: boolean; questionRefused?: boolean };
}) {
  const { t } = useTranslation();
  const bidder = !room.access.staff && room.access.tiers.includes("registered");
  if (!bidder && !room.access.staff) return null;
  const open = ["announced", "live", "suspended"].includes(status);
  return (
    <section aria-labelledby="qa-heading" className="space-y-3">
      <h2 id="qa-heading" className="text-lg font-semibold">
        {t("dataRoom.qa.heading")}
      </h2>
      <p className="text-sm text-slate-700">{t("dataRoom.qa.intro")}</p>
      <QuestionList questions={questions} />
      {bidder && open ? <AskForm notice={Boolean(answer?.asked)} refused={Boolean(answer?.questionRefused)} /> : null}
    </section>
  );
}
