/** A class's public members: what a stand-in for it has to offer (its private fields make the class itself nominal). */
export type PublicOf<T> = { [K in keyof T]: T[K] };
