// A catalog of messages in another language: exactly the keys of the English one.
export type Messages<English> = Record<keyof English, string>;
