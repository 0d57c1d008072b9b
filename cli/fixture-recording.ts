import { recordingClient, type RecordingClient } from "../runtime/fixtures/recording-client.js";
import type { HttpClient } from "../runtime/net/types.js";
import type { Redactor } from "../runtime/secrets/types.js";
import type { StateStore } from "../runtime/state/index.js";

/** `run --record DIR`: wraps the run's client, then writes the fixture folder once the run is over. */
export async function startRecording(dir: string, connector: string, store: StateStore) {
  const startCursor = (await store.getCursor(connector)) ?? null;
  let recorder: RecordingClient | undefined;
  return {
    wrap: (client: HttpClient, redactor: Redactor): HttpClient => {
      recorder = recordingClient(client, redactor, dir);
      return recorder;
    },
    save: () => recorder?.save({ connector, startCursor, recordedAt: new Date().toISOString() }),
  };
}
