import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { buttonStyle } from "./forms";

/**
 * Copies the value of the input `targetId` to the clipboard and says so. Where the clipboard
 * API is refused (plain http outside localhost), the text is selected for a manual copy.
 */
export function CopyButton({ targetId, label }: { targetId: string; label?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    const input = document.getElementById(targetId);
    if (!(input instanceof HTMLInputElement)) return;
    try {
      await navigator.clipboard.writeText(input.value);
      setState("copied");
    } catch {
      input.focus();
      input.select();
      setState("failed");
    }
  };

  return (
    <>
      <button type="button" onClick={copy} className={buttonStyle("secondary", "sm")}>
        {label ?? t("common.copy")}
      </button>
      <span role="status" className="text-sm text-slate-700">
        {state === "copied" ? t("common.copied") : state === "failed" ? t("common.copyFailed") : ""}
      </span>
    </>
  );
}
