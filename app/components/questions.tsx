import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { QuestionView } from "../../core/contract/documents";
import { formatDateTime } from "../../core/time";
import { buttonStyle, FormNotice, TextAreaField } from "./forms";

/**
 * A listing's questions and answers: what approved bidders asked (never who, but to the seller),
 * and the seller's answers, which every approved bidder reads at once.
 */
export function QuestionList({ questions, answerable }: { questions: QuestionView[]; answerable?: boolean }) {
  const { t, i18n } = useTranslation();
  if (questions.length === 0) return <p className="text-sm text-slate-600">{t("dataRoom.qa.empty")}</p>;
  return (
    <ol className="space-y-3" aria-label={t("dataRoom.qa.list")}>
      {questions.map((q) => (
        <li key={q.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
          <p className="flex flex-wrap gap-2 text-xs text-slate-600">
            <span>{formatDateTime(q.askedAt, i18n.language)}</span>
            {q.bidderCode ? <span>{t("dataRoom.access.bidder", { code: q.bidderCode })}</span> : null}
            {q.mine ? <span className="font-medium text-brand-700">{t("dataRoom.qa.mine")}</span> : null}
          </p>
          <p className="mt-1 font-medium whitespace-pre-line">{q.question}</p>
          {q.answer ? (
            <div className="mt-2 border-l-4 border-emerald-300 pl-3">
              <p className="text-xs text-slate-600">
                {t("dataRoom.qa.answered", { at: formatDateTime(q.answeredAt ?? q.askedAt, i18n.language) })}
              </p>
              <p className="whitespace-pre-line">{q.answer}</p>
            </div>
          ) : answerable ? (
            <Form method="post" className="mt-2 space-y-2">
              <input type="hidden" name="questionId" value={q.id} />
              <TextAreaField
                id={`answer-${q.id}`}
                name="answer"
                label={t("dataRoom.qa.answerLabel")}
                required
                minLength={2}
                maxLength={4000}
              />
              <button type="submit" name="intent" value="answer" className={buttonStyle("primary", "sm")}>
                {t("dataRoom.qa.answerSubmit")}
              </button>
            </Form>
          ) : (
            <p className="mt-2 text-slate-600">{t("dataRoom.qa.awaiting")}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** An approved bidder's question to the seller. */
export function AskForm({ notice, refused }: { notice: boolean; refused: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="space-y-2" preventScrollReset>
      <FormNotice focus={notice} message={notice ? t("dataRoom.qa.asked") : null} />
      <TextAreaField
        id="question"
        name="question"
        label={t("dataRoom.qa.askLabel")}
        hint={t("dataRoom.qa.askHint")}
        error={refused ? t("dataRoom.qa.askRefused") : undefined}
        required
        minLength={5}
        maxLength={2000}
      />
      <button type="submit" name="intent" value="ask" className={buttonStyle("secondary")}>
        {t("dataRoom.qa.askSubmit")}
      </button>
    </Form>
  );
}
