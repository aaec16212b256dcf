import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnvironmentFile } from "../../environment/load";
import { InputFileError, ONE_MIB, readInputFile } from "../../core/input-file";
import { run } from "../../cli/private-eks";
import { Io, processIo } from "../../cli/io";

/** The one line a file that is not what it seems gets, or the text when it reads. */
function problemOf(path: string, options?: Parameters<typeof readInputFile>[1]): string {
  try {
    return `read: ${readInputFile(path, options)}`;
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    return e.message;
  }
}

describe("inputs that are not what they seem", () => {
  const dir = mkdtempSync(join(tmpdir(), "private-eks-input-"));
  const at = (name: string) => join(dir, name);

  beforeAll(() => {
    execFileSync("mkfifo", [at("pipe.yaml")]);
    writeFileSync(at("big.yaml"), `name: big\n#${"secret".repeat((2 * ONE_MIB) / 6)}\n`); // 2 MiB
    writeFileSync(at("latin1.yaml"), Buffer.from("name: dev\nregion: eu-west-1\ntags:\n  Owner: J\xf6rg\n", "latin1"));
    writeFileSync(at("utf16.yaml"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("name: dev\n", "utf16le")]));
    writeFileSync(at("utf8.yaml"), "Owner: Jörg \ufffd\n");
    symlinkSync("loop.yaml", at("loop.yaml"));
    symlinkSync("gone.yaml", at("dangling.yaml"));
    mkdirSync(at("sub"));
    writeFileSync(at("secret.yaml"), "x: 1\n");
    chmodSync(at("secret.yaml"), 0o000);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a named pipe is refused without waiting for a writer", () => {
    // GIVEN a FIFO nobody writes to (pipe.yaml)
    // WHEN it is read THEN it is named for what it is, at once (a blocking read would time the test out)
    expect(problemOf(at("pipe.yaml"))).toBe(
      `${at("pipe.yaml")}: is a named pipe (FIFO), not a regular file; save the content to a file and name that`,
    );
    expect(problemOf(at("pipe.yaml"), { acceptsStdin: true })).toBe(
      `${at("pipe.yaml")}: is a named pipe (FIFO), not a regular file; save the content to a file and name that, or pipe it to standard input with -`,
    );
  });

  test("a device is refused", () => {
    // GIVEN /dev/zero, which never ends WHEN it is read THEN it is refused before reading
    expect(problemOf("/dev/zero")).toBe("/dev/zero: is a device, not a regular file; save the content to a file and name that");
  });

  test("a file over the limit is refused unread, and its content is not echoed", () => {
    // GIVEN a 2 MiB file (big.yaml)
    // WHEN it is read with the 1 MiB default THEN the message gives the sizes and no content
    const message = problemOf(at("big.yaml"), { what: "an environment file" });
    expect(message).toBe(`${at("big.yaml")}: is 2 MiB; an environment file is at most 1 MiB — check that this is the right file`);
    // AND a larger limit lets it through
    expect(problemOf(at("big.yaml"), { maxBytes: 4 * ONE_MIB }).startsWith("read: name: big\n")).toBe(true);
  });

  test("bytes that are not UTF-8 are refused with their line, never replaced", () => {
    // GIVEN a Latin-1 file (ö as the single byte 0xf6 on line 4)
    // WHEN it is read THEN the line is named with the fix
    expect(problemOf(at("latin1.yaml"))).toBe(
      `${at("latin1.yaml")}: line 4: holds bytes that are not UTF-8 text; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8), or fix that line`,
    );
    // AND UTF-16 is named as such
    expect(problemOf(at("utf16.yaml"))).toBe(
      `${at("utf16.yaml")}: is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8`,
    );
    // AND real UTF-8, a U+FFFD written on purpose included, reads unchanged
    expect(problemOf(at("utf8.yaml"))).toBe("read: Owner: Jörg \ufffd\n");
  });

  test("a symbolic link loop and a dangling link say so", () => {
    // GIVEN a link to itself and a link to nothing
    // WHEN they are read THEN each is named for what it is
    expect(problemOf(at("loop.yaml"))).toBe(
      `${at("loop.yaml")}: is a symbolic link loop (it leads back to itself); point the link at a real file, or name the file itself`,
    );
    expect(problemOf(at("dangling.yaml"))).toBe(
      `${at("dangling.yaml")}: is a symbolic link to gone.yaml, which does not exist; fix the link or name the file itself`,
    );
  });

  test("a missing file, a directory, an unreadable file", () => {
    // GIVEN each WHEN read THEN named with the fix
    expect(problemOf(at("nope.yaml"))).toBe(`${at("nope.yaml")}: does not exist; check the path`);
    expect(problemOf(at("sub"), { expected: ".yaml file" })).toBe(`${at("sub")}: is a directory, not a file; name a .yaml file inside it`);
    // root reads anything: only check the message when the mode is enforced
    if (process.getuid?.() !== 0)
      expect(problemOf(at("secret.yaml"))).toBe(`${at("secret.yaml")}: cannot be read: permission denied; check its permissions (ls -l)`);
  });

  test("the config loader reports them as the file's one problem", () => {
    // GIVEN the files above WHEN loaded as environments THEN each is one line `<file>: (file): <problem>`
    expect(loadEnvironmentFile(at("loop.yaml")).lines).toEqual([
      `${at("loop.yaml")}: (file): is a symbolic link loop (it leads back to itself); point the link at a real file, or name the file itself`,
    ]);
    expect(loadEnvironmentFile(at("latin1.yaml")).lines).toEqual([
      `${at("latin1.yaml")}: (file): line 4: holds bytes that are not UTF-8 text; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8), or fix that line`,
    ]);
    expect(loadEnvironmentFile(at("pipe.yaml")).lines).toEqual([
      `${at("pipe.yaml")}: (file): is a named pipe (FIFO), not a regular file; save the content to a .yaml file and name that`,
    ]);
  });

  test("the importers refuse them with exit 1 and print nothing to paste", async () => {
    // GIVEN an importer run in-process with the real file reader
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { ...processIo, out: (t) => void out.push(t), err: (t) => void err.push(t) };
    // WHEN import-aws-auth gets a 2 MiB file and import-kube2iam a loop and a Latin-1 file
    const awsAuth = await run(["import-aws-auth", at("big.yaml")], io);
    const kube2iam = await run(["import-kube2iam", at("loop.yaml"), at("latin1.yaml")], io);
    // THEN each names every file and its fix, exit 1, stdout empty
    expect([awsAuth, kube2iam]).toEqual([1, 1]);
    expect(out).toEqual([]);
    expect(err.join("")).toBe(
      [
        `private-eks import-aws-auth: ${at("big.yaml")}: is 2 MiB; an aws-auth ConfigMap is at most 1 MiB — pass kubectl get configmap aws-auth -n kube-system -o yaml`,
        `private-eks import-kube2iam: ${at("loop.yaml")}: is a symbolic link loop (it leads back to itself); point the link at a real file, or name the file itself`,
        `${at("latin1.yaml")}: line 4: holds bytes that are not UTF-8 text; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8), or fix that line`,
        "",
      ].join("\n"),
    );
  });
});
