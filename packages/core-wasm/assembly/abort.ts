// The engine never calls into the host: a failed internal check traps instead of importing env.abort.
export function abort(message: usize, fileName: usize, line: u32, column: u32): void {
  unreachable();
}
