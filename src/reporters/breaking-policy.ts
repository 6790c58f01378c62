/** Said wherever `breaking.policy: "deploy-together"` let a breaking change through, so it is never silent. */
export function letThroughNote(services: string[]): string {
  return `breaking changes in ${services.join(", ")} let through: breaking.policy is "deploy-together" (every consumer ships with the service, so only call sites that stop compiling refuse)`;
}
