import type { Role } from '@wb/common';

export class PublicUser {
  id!: string;
  username!: string;
  role!: Role;
}

/** Who is signed in now (`POST /login`, `POST /signup`). */
export class AccountResponse {
  user!: PublicUser;
}

export class WhoamiResponse {
  id!: string;
  username!: string;
  role!: Role;
  /** For `Authorization: Bearer` (the `wb` client): made on first use, replaced by `POST /whoami/api_key`. */
  apiKey!: string;
}

export class ApiKeyResponse {
  /** The new key; the old one stops working at once. */
  apiKey!: string;
}
