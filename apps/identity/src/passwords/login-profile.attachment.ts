import { Outbox } from '@iam/messaging';
import { userAttachment } from '../principals/index.js';
import { LoginProfileRepository } from './login-profile.repository.js';
import { loginProfileChangedEvent } from './password.events.js';

const profiles = new LoginProfileRepository();
const outbox = new Outbox('identity');

/**
 * A user's login profile blocks DeleteUser (`DeleteConflict`) unless forced; a forced delete removes it
 * (`login-profile.deleted.v1`) and the user's password history.
 *
 * AWS: DeleteUser requires deleting the user's password (login profile) first; the console's delete removes it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_remove.html).
 */
export const LOGIN_PROFILE_ATTACHMENT = userAttachment(
  'login profiles',
  profiles,
  async (tx, accountId, user, caller, now) => {
    const profile = await profiles.findByUser(tx, accountId, user.userId, true);
    if (profile) {
      await profiles.delete(tx, profile);
      await outbox.append(
        tx,
        loginProfileChangedEvent('login-profile.deleted.v1', profile, user.userName, caller, now),
      );
    }
    await profiles.forgetAll(tx, accountId, user.userId);
  },
);
