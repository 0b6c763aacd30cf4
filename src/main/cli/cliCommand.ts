/** One `spyglass <name>` subcommand; each lives in its own module under commands/. */
export interface CliCommand {
  name: string
  /** One line for `spyglass --help`. */
  summary: string
  /** The whole text of `spyglass <name> --help`, which the dispatcher prints (commands never see -h). */
  help: string
  /** Returns the exit code; throws UsageError / UserError for the one-line failure. */
  run(args: string[]): Promise<number>
}
