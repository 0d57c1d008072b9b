import { parseS3Location } from "./s3-store.js";
import { templateProblems } from "./partition.js";
import type { FilesOutput } from "./schema.js";

/** What zod cannot say about a files output at `at`: a partition leaving the location, a bucketless s3:// URL. */
export function checkFilesOutput(
  output: FilesOutput,
  at: readonly (string | number)[] = ["output"],
): { path: (string | number)[]; message: string }[] {
  const problems = (output.partition === undefined ? [] : templateProblems(output.partition)).map((message) => ({
    path: [...at, "partition"],
    message,
  }));
  if (
    output.location.startsWith("s3://") &&
    !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(parseS3Location(output.location).bucket)
  ) {
    problems.push({
      path: [...at, "location"],
      message: "s3://bucket/prefix: the bucket name is 3 to 63 lowercase letters, digits, . or -",
    });
  }
  return problems;
}
