// Global setup for vitest. Starts shared, expensive fixtures once per run
// (the real PostgreSQL server is added here by the emulator work).
export default function setup(): void {
  // nothing yet
}
