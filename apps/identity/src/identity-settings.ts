/** Run-time settings the identity features read (not secrets). */
export class IdentitySettings {
  constructor(readonly partition: string) {}
}
