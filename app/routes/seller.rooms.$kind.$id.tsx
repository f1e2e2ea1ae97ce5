import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "../../core/identity/access";
import { AccessLog, DocumentTable, UploadDocumentForm } from "../components/data-room";
import { FormNotice } from "../components/forms";
import { QuestionList } from "../components/questions";
import { RefusalAlert } from "../components/refusal";
import { requirePermission } from "../lib/auth.server";
import { readDocumentUpload, roomKinds, roomOf, type RoomKind } from "../lib/data-room.server";
import { formText } from "../lib/form-data";
import { refusalOf } from "../lib/refusal.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · nplex` : "nplex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

function kindOf(param: string | undefined): RoomKind {
  if (!(roomKinds as readonly string[]).includes(param ?? "")) throw new Response(null, { status: 404 });
  return param as RoomKind;
}

/** Where the room's asset, package or listing lives in the seller's pages. */
const backTo: Record<RoomKind, (id: string) => string> = {
  asset: (id) => `/seller/assets/${id}`,
  package: (id) => `/seller/packages/${id}`,
  listing: (id) => `/manage/listings/${id}`,
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const principal = requirePermission(context, request, "seller.listings.read");
  const kind = kindOf(params.kind);
  const id = params.id ?? "";
  const { dataRoom } = context.services;
  try {
    const [room, access, questions] = await Promise.all([
      dataRoom.ofRoom(principal, roomOf(kind, id)),
      kind === "listing" ? dataRoom.accessLog(principal, id) : null,
      kind === "listing" ? context.services.questions.list(principal, id) : null,
    ]);
    return { kind, id, title: room.title, documents: room.documents, access, questions, canEdit: can(principal, "asset.manage") };
  } catch (error) {
    throw new Response(null, { status: refusalOf(error).status });
  }
}

type Step = "upload" | "remove" | "answer";

/** Upload (multipart: the file, its title, tier and cover), remove one document, or answer a question. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "asset.manage");
  const kind = kindOf(params.kind);
  const { dataRoom, questions } = context.services;
  let step: Step = "upload";
  try {
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      const { file, fields } = await readDocumentUpload(request);
      const document = await dataRoom.upload(principal, roomOf(kind, params.id ?? ""), fields, file);
      return { step, done: true, title: document.title, refusal: null };
    }
    const form = await request.formData();
    step = formText(form, "intent") === "answer" ? "answer" : "remove";
    if (step === "answer") {
      await questions.answer(principal, formText(form, "questionId"), { answer: formText(form, "answer") });
    } else {
      await dataRoom.remove(principal, formText(form, "documentId"));
    }
    return { step, done: true, title: null, refusal: null };
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data({ step, done: false, title: null, refusal }, { status });
  }
}

export default function DataRoomPage() {
  const { kind, id, title, documents, access, questions, canEdit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const uploading = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  // A refused upload is told by its form; a refused removal or answer at the top.
  const refused = answer && !answer.done ? answer : null;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={backTo[kind](id)} className="text-brand-700 underline">
          ← {title}
        </Link>
      </p>
      <header>
        <p className="text-sm font-medium text-slate-600">{t(`dataRoom.rooms.${kind}`)}</p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          {t("dataRoom.title")}: {title}
        </h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t("dataRoom.sellerIntro")}</p>
      </header>
      <FormNotice
        focus={answer}
        message={
          !answer?.done
            ? null
            : answer.step === "upload"
              ? t("dataRoom.upload.done", { title: answer.title })
              : answer.step === "remove"
                ? t("dataRoom.removed")
                : t("dataRoom.qa.answerDone")
        }
      />
      {refused?.step === "remove" ? <RefusalAlert refusal={refused.refusal} messages="dataRoom.errors" /> : null}
      {refused?.step === "answer" ? <FormNotice tone="warning" focus={refused} message={t("dataRoom.qa.answerRefused")} /> : null}
      <DocumentTable documents={documents} hrefOf={(d) => `/seller/documents/${d.id}`} remove={canEdit} />
      {canEdit ? <UploadDocumentForm refusal={refused?.step === "upload" ? refused.refusal : null} busy={uploading} /> : null}
      {questions ? (
        <section aria-labelledby="qa-heading" className="space-y-3">
          <h2 id="qa-heading" className="text-lg font-semibold">
            {t("dataRoom.qa.heading")}
          </h2>
          <p className="text-sm text-slate-700">{t("dataRoom.qa.intro")}</p>
          <QuestionList questions={questions} answerable={canEdit} />
        </section>
      ) : null}
      {access ? <AccessLog entries={access} /> : null}
    </div>
  );
}
