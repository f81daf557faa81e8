import { AccountEntity } from '../accounts/index.js';

/** Every identity entity. */
export const IDENTITY_ENTITIES = [AccountEntity];
