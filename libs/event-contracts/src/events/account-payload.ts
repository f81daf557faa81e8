/** The public state of an account carried by account events (never credentials). */
export interface AccountPayload {
  readonly accountId: string;
  readonly alias: string | null;
  readonly status: 'active' | 'suspended';
  readonly createdAt: string;
}
