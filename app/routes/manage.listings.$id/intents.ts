/** The lifecycle actions the workspace posts, each to one workflow method. */
export const workflowIntents = [
  "submit",
  "approve",
  "check_disclosure",
  "return",
  "publish",
  "suspend",
  "resume",
  "withdraw",
] as const;
export type WorkflowIntent = (typeof workflowIntents)[number];
export const isWorkflowIntent = (intent: string): intent is WorkflowIntent =>
  (workflowIntents as readonly string[]).includes(intent);
