/**
 * Test support: a real S3-compatible server (s3rver, from npm) on loopback, with one bucket, and a
 * client (aws4fetch, as the output uses) to list and read what the files output stored there.
 * s3rver answers ListObjectsV2 with completed objects only, as S3 does: an unfinished multipart
 * upload is not listed.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AwsClient } from "aws4fetch";
import S3rver from "s3rver";

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** s3rver's fixed credentials. */
  accessKeyId: string;
  secretAccessKey: string;
  keys(prefix?: string): Promise<string[]>;
  get(key: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startS3(bucket = "lake"): Promise<TestS3> {
  const directory = mkdtempSync(path.join(tmpdir(), "cannectors-s3rver-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new AwsClient({
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    service: "s3",
    region: "us-east-1",
  });
  const url = (key: string) => `${endpoint}/${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
  return {
    endpoint,
    bucket,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    async keys(prefix = "") {
      const found: string[] = [];
      let token: string | undefined;
      do {
        const query = new URLSearchParams({
          "list-type": "2",
          prefix,
          ...(token ? { "continuation-token": token } : {}),
        });
        const text = await (await client.fetch(`${endpoint}/${bucket}?${query}`)).text();
        for (const [, key] of text.matchAll(/<Key>([^<]+)<\/Key>/g)) found.push(key!.replace(/&amp;/g, "&"));
        token = /<NextContinuationToken>([^<]+)</.exec(text)?.[1];
      } while (token);
      return found.sort();
    },
    async get(key) {
      const response = await client.fetch(url(key));
      if (!response.ok) throw new Error(`GET ${key}: ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
    close: () => server.close(),
  };
}
