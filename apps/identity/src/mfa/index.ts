export { MfaModule } from './mfa.module.js';
export { MfaVerifier } from './mfa-verifier.js';
export { MFA_DEVICE_ATTACHMENT } from './mfa-device.attachment.js';
export { MfaDeviceEntity } from './mfa-device.entity.js';
