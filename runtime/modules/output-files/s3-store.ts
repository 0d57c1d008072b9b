import { createHash } from "node:crypto";
import type { AwsClient } from "aws4fetch";
import { CannectorsError, ErrorCodes } from "../../errors/index.js";
import { failpoint } from "../../failpoints/index.js";
import type { FileStore } from "./file-store.js";
import type { FilesOutput } from "./schema.js";

type S3 = NonNullable<FilesOutput["s3"]>;

/** aws4fetch loads with the first upload: a connector writing local files never pays for it. */
const clientOf = async (s3: S3) =>
  new (await import("aws4fetch")).AwsClient({
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    ...(s3.sessionToken ? { sessionToken: s3.sessionToken } : {}),
    service: "s3",
    region: s3.region,
    retries: 4,
  });

/** `s3://bucket/prefix` → its bucket and its key prefix (no leading or trailing `/`). */
export function parseS3Location(location: string): { bucket: string; prefix: string } {
  const rest = location.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const prefix = slash === -1 ? "" : rest.slice(slash + 1).replace(/^\/+|\/+$/g, "");
  return { bucket, prefix };
}

/**
 * Files as objects. An object is visible only once its upload completes: a file up to `partSize` is
 * one PUT, a larger one a multipart upload completed after its last part (aborted on a failure).
 * Each request carries the SHA-256 of its body, which S3 checks. A run killed mid-upload leaves an
 * incomplete multipart upload, invisible to readers; a bucket lifecycle rule
 * (AbortIncompleteMultipartUpload) reclaims its storage.
 */
export function s3Store(location: string, s3: S3): FileStore {
  const { bucket, prefix } = parseS3Location(location);
  const endpoint = new URL(s3.endpoint ?? `https://s3.${s3.region}.amazonaws.com`);
  let client: Promise<AwsClient> | undefined;
  const objectKey = (key: string) => (prefix ? `${prefix}/${key}` : key);
  const urlOf = (key: string, query = "") => {
    const encoded = objectKey(key).split("/").map(encodeURIComponent).join("/");
    const origin = s3.pathStyle ? `${endpoint.origin}/${bucket}` : `${endpoint.protocol}//${bucket}.${endpoint.host}`;
    return `${origin.replace(/\/$/, "")}/${encoded}${query}`;
  };
  const send = async (method: string, url: string, body: Buffer | string | undefined, what: string) => {
    client ??= clientOf(s3);
    const payload = body === undefined ? "" : body;
    const response = await (await client).fetch(url, {
      method,
      body: body === undefined ? undefined : payload,
      headers: { "x-amz-content-sha256": createHash("sha256").update(payload).digest("hex") },
    });
    const text = await response.text();
    if (!response.ok) {
      // The URL names the bucket and key only: the credentials sign the request, they are not in it.
      throw new CannectorsError(ErrorCodes.DELIVERY, `S3 ${what} failed: HTTP ${response.status} ${errorCode(text)}`, {
        details: { url: url.split("?")[0], status: response.status },
      });
    }
    return { text, etag: response.headers.get("etag") ?? "" };
  };
  return {
    address: (key) => `s3://${bucket}/${objectKey(key)}`,
    async put(key, body) {
      if (body.length <= s3.partSize) {
        await send("PUT", urlOf(key), body, "PUT");
        return;
      }
      const created = await send("POST", urlOf(key, "?uploads"), undefined, "CreateMultipartUpload");
      const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(created.text)?.[1];
      if (!uploadId) throw new CannectorsError(ErrorCodes.DELIVERY, "S3 CreateMultipartUpload answered no UploadId");
      const id = encodeURIComponent(uploadId);
      try {
        const etags: string[] = [];
        for (let start = 0, part = 1; start < body.length; start += s3.partSize, part++) {
          const chunk = body.subarray(start, start + s3.partSize);
          etags.push((await send("PUT", urlOf(key, `?partNumber=${part}&uploadId=${id}`), chunk, "UploadPart")).etag);
          failpoint("mid-file-write");
        }
        const parts = etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`);
        const done = `<CompleteMultipartUpload>${parts.join("")}</CompleteMultipartUpload>`;
        const completed = await send("POST", urlOf(key, `?uploadId=${id}`), done, "CompleteMultipartUpload");
        // S3 may answer 200 with an <Error> body when the completion fails late.
        if (completed.text.includes("<Error>")) {
          throw new CannectorsError(
            ErrorCodes.DELIVERY,
            `S3 CompleteMultipartUpload failed: ${errorCode(completed.text)}`,
          );
        }
      } catch (error) {
        await send("DELETE", urlOf(key, `?uploadId=${id}`), undefined, "AbortMultipartUpload").catch(() => undefined);
        throw error;
      }
    },
    async close() {},
  };
}

function errorCode(text: string): string {
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? "";
}
