import { describe, expect, it } from "vitest";
import { shadowedFields } from "./dedicated.js";
import { profileField } from "./profile.js";

const shadowed = (...paths: string[]) =>
  Object.fromEntries(
    shadowedFields(paths.map((path) => profileField({ path, type: "string", required: false }))).map((s, i) => [
      paths[i],
      s,
    ]),
  );

describe("shadowedFields", () => {
  it("marks a nested copy of a concept that has a list of its own", () => {
    expect(
      shadowed(
        "phone_numbers[].number",
        "addresses[].phone_number",
        "emails[].email",
        "addresses[].email",
        "addresses[].city",
      ),
    ).toEqual({
      "phone_numbers[].number": false,
      "addresses[].phone_number": true,
      "emails[].email": false,
      "addresses[].email": true,
      "addresses[].city": false,
    });
  });

  it.each([
    { name: "no dedicated list", paths: ["addresses[].phone_number", "phone"] },
    { name: "a top-level field is the record's own", paths: ["emails[].email", "email"] },
  ])("marks nothing when there is $name", ({ paths }) => {
    expect(Object.values(shadowed(...paths))).not.toContain(true);
  });
});
