/** Where finished files go: a local folder or a bucket. `put` makes a file appear whole, or not at all. */
export interface FileStore {
  /** The file's address for logs and the dry run: an absolute path, or `s3://bucket/key`. */
  address(key: string): string;
  /** Writes `body` at `key` (a relative path with `/`), visible to readers only once complete. */
  put(key: string, body: Buffer): Promise<void>;
  close(): Promise<void>;
}
