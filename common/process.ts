/** Child processes of ours exit when their parent dies (even by SIGKILL), so nothing is left orphaned. */
export function exitWithParent(): void {
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) process.exit(1)
  }, 1000).unref()
}
