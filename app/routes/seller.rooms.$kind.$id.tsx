import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "../../core/identity/access";
import { AccessLog, DocumentTable, UploadDocumentForm } from "../components/data-room";
import { FormNotice } from "../components/forms";
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
    const [room, access] = await Promise.all([
      dataRoom.ofRoom(principal, roomOf(kind, id)),
      kind === "listing" ? dataRoom.accessLog(principal, id) : null,
    ]);
    return { kind, id, title: room.title, documents: room.documents, access, canEdit: can(principal, "asset.manage") };
  } catch (error) {
    throw new Response(null, { status: refusalOf(error).status });
  }
}

/** Upload (multipart: the file, its title, tier and cover) or remove one document. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const principal = requirePermission(context, request, "asset.manage");
  const kind = kindOf(params.kind);
  const { dataRoom } = context.services;
  try {
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      const { file, fields } = await readDocumentUpload(request);
      const document = await dataRoom.upload(principal, roomOf(kind, params.id ?? ""), fields, file);
      return { done: "uploaded" as const, title: document.title, refusal: null };
    }
    const form = await request.formData();
    await dataRoom.remove(principal, formText(form, "documentId"));
    return { done: "removed" as const, title: null, refusal: null };
  } catch (error) {
    const { status, refusal } = refusalOf(error);
    return data({ done: null, title: null, refusal }, { status });
  }
}

export default function DataRoomPage() {
  const { kind, id, title, documents, access, canEdit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const uploading = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  // A refused upload is told by its form; a refused removal at the top.
  const uploadRefused = answer?.refusal && answer.refusal.code !== "DOCUMENT_LOCKED" ? answer.refusal : null;
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
          answer?.done === "uploaded"
            ? t("dataRoom.upload.done", { title: answer.title })
            : answer?.done === "removed"
              ? t("dataRoom.removed")
              : null
        }
      />
      {answer?.refusal?.code === "DOCUMENT_LOCKED" ? <RefusalAlert refusal={answer.refusal} messages="dataRoom.errors" /> : null}
      <DocumentTable documents={documents} hrefOf={(d) => `/seller/documents/${d.id}`} remove={canEdit} />
      {canEdit ? <UploadDocumentForm refusal={uploadRefused} busy={uploading} /> : null}
      {access ? <AccessLog entries={access} /> : null}
    </div>
  );
}
