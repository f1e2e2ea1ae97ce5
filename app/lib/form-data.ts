/** A posted field as text: a file in its place, or a field not sent, reads as "". */
export function formText(form: FormData | Record<string, FormDataEntryValue | undefined>, name: string): string {
  const value = form instanceof FormData ? form.get(name) : form[name];
  return typeof value === "string" ? value : "";
}
