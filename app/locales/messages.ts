/** A namespace's messages with every text widened to string: the shape another language must fill, key for key. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
