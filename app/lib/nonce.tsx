import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);

/** Set by the server entry for each response: the nonce its Content-Security-Policy allows inline scripts by. */
export const NonceProvider = NonceContext.Provider;

/** The response's script nonce while rendering on the server; undefined in the browser, which hides it. */
export const useNonce = () => useContext(NonceContext);
