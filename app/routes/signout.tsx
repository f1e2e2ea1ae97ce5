import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "../lib/session.server";

export const action = ({ context }: ActionFunctionArgs) => endSession(context);
export const loader = () => redirect("/");
