import { request as httpRequest } from "node:http";
import { request as apiRequest, type APIRequestContext } from "@playwright/test";
import { demoPassword, expect, signIn, test } from "./fixtures";

/**
 * What the production server takes from a request, and how it refuses the rest: bodies within
 * their limits (refused before or while they are read), uploads checked as they arrive, no NUL in
 * any text, and bad requests answered 4xx, never 5xx. Nothing refused is stored.
 */

const investor = "liming@investor.example";
const MB = 1024 * 1024;

async function signedIn(baseURL: string, email: string): Promise<APIRequestContext> {
  const origin = new URL(baseURL).origin;
  const request = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: origin } });
  const response = await request.post("/signin", { form: { email, password: demoPassword }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return request;
}

async function announcedListing(request: APIRequestContext): Promise<string> {
  const { items } = await (await request.get("/api/v1/listings?status=announced")).json();
  expect(items.length).toBeGreaterThan(0);
  return items[0].id;
}

const objectionCount = async (request: APIRequestContext, listingId: string) =>
  ((await (await request.get(`/api/v1/listings/${listingId}/objections`)).json()).objections as unknown[]).length;

/**
 * Sends a POST over plain HTTP, announcing `declared` bytes (or none: chunked) and writing `send`
 * chunks of 256 KiB unless the answer comes first. Returns the status and how much was written.
 */
function rawPost(
  baseURL: string,
  path: string,
  headers: Record<string, string>,
  { declared, chunks }: { declared?: number; chunks: number },
): Promise<{ status: number; body: string; written: number }> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      method: "POST",
      path: url.pathname,
      headers: { ...headers, ...(declared ? { "Content-Length": String(declared) } : {}) },
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body, written }));
    });
    // The server may close the connection once it has answered: that is not a failure.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(256 * 1024, "a");
    const write = () => {
      if (answered || written >= chunks * chunk.length) return;
      written += chunk.length;
      req.write(chunk, () => setImmediate(write));
    };
    req.write('{"reasons":"', () => write());
  });
}

test.describe("request bodies", () => {
  test("a JSON body over the limit is refused by its length before it is read (413), and nothing is stored", async ({
    baseURL,
  }) => {
    const request = await signedIn(baseURL!, investor);
    const listingId = await announcedListing(request);
    const before = await objectionCount(request, listingId);
    const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const headers = { Cookie: cookie, Origin: new URL(baseURL!).origin, "Content-Type": "application/json" };

    // 50 MB announced: the answer comes before more than a little of it is sent.
    const announced = await rawPost(baseURL!, `/api/v1/listings/${listingId}/objections`, headers, {
      declared: 50 * MB,
      chunks: 200,
    });
    expect(announced.status).toBe(413);
    expect(JSON.parse(announced.body).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(announced.written).toBeLessThan(10 * MB);

    // Without a length, it is refused as soon as it passes the limit.
    const unannounced = await rawPost(baseURL!, `/api/v1/listings/${listingId}/objections`, headers, { chunks: 200 });
    expect(unannounced.status).toBe(413);
    expect(unannounced.written).toBeLessThan(10 * MB);

    expect(await objectionCount(request, listingId)).toBe(before);
    await request.dispose();
  });

  test("an objection's files are checked as they arrive: count, size, total and kind, and nothing refused is stored", async ({
    baseURL,
  }) => {
    const request = await signedIn(baseURL!, investor);
    const listingId = await announcedListing(request);
    const before = await objectionCount(request, listingId);
    const reasons = "The guarantee on this claim was never signed by the guarantor.";
    const pdf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(size, " ")]);
    const file = (name: string, buffer: Buffer, mimeType = "application/pdf") => ({ name, mimeType, buffer });
    // A body built by hand: every file under the form's one field name, as a browser sends them.
    const postFiles = async (attachments: { name: string; mimeType: string; buffer: Buffer }[]) => {
      const boundary = "----nplexLimits";
      const parts = [
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="reasons"\r\n\r\n${reasons}\r\n`),
        ...attachments.flatMap((a) => [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${a.name}"\r\nContent-Type: ${a.mimeType}\r\n\r\n`,
          ),
          a.buffer,
          Buffer.from("\r\n"),
        ]),
        Buffer.from(`--${boundary}--\r\n`),
      ];
      return request.fetch(`/listings/${listingId}/objection`, {
        method: "POST",
        headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
        data: Buffer.concat(parts),
        maxRedirects: 0,
      });
    };

    const six = await postFiles(Array.from({ length: 6 }, (_, i) => file(`evidence-${i}.pdf`, pdf(1024))));
    expect(six.status()).toBe(422);
    expect(await six.text()).toContain("Attach at most 5 files.");

    const large = await postFiles([file("ledger.pdf", pdf(11 * MB))]);
    expect(large.status()).toBe(413);
    expect(await large.text()).toContain("Each file may be at most 10 MB.");

    // 60 MB announced is refused by its length at the edge, before it is read. The server closes the
    // connection while the client may still be sending, so the post goes over a plain socket.
    const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const total = await rawPost(
      baseURL!,
      `/listings/${listingId}/objection`,
      { Cookie: cookie, Origin: new URL(baseURL!).origin, "Content-Type": "multipart/form-data; boundary=----nplexLimits" },
      { declared: 60 * MB, chunks: 240 },
    );
    expect(total.status).toBe(413);
    expect(total.written).toBeLessThan(10 * MB);

    const disguised = await postFiles([file("invoice.pdf", Buffer.from("<html><script>alert(1)</script></html>"))]);
    expect(disguised.status()).toBe(422);
    expect(await disguised.text()).toContain("invoice.pdf: attach PDF, PNG, JPEG or plain text files.");

    expect(await objectionCount(request, listingId)).toBe(before);

    // Within every limit, the objection and its files are filed.
    const filed = await postFiles([
      file("guarantee.pdf", pdf(2048)),
      file("notes.txt", Buffer.from("The signature page is missing.\n"), "text/plain"),
    ]);
    expect(filed.status()).toBe(302);
    expect(await objectionCount(request, listingId)).toBe(before + 1);
    await request.dispose();
  });

  test.describe("in the browser", () => {
    test.use({ expectedErrorStatuses: [422] });

    test("the objection form names, in the page, a file that is a web page whatever it is called", async ({ page, request }) => {
      const listingId = await announcedListing(request);
      await signIn(page, "investor@jaderiver.example");
      await page.goto(`/listings/${listingId}/objection`);
      await page.getByLabel("Reasons for the objection").fill("The borrower's address in the announcement is wrong.");
      await page.getByLabel("Supporting documents").setInputFiles([
        { name: "letter.txt", mimeType: "text/plain", buffer: Buffer.from("Dear operator,\nthe address is wrong.\n") },
        { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("<html><body><script>alert(1)</script></body></html>") },
      ]);
      await page.getByRole("button", { name: "File the objection" }).click();
      await expect(page.getByText("notes.txt: attach PDF, PNG, JPEG or plain text files.")).toBeVisible();
    });
  });
});

test.describe("bad input is answered 4xx with a clear message", () => {
  test("a NUL character in stored text is refused (400): objections, sign-up, token names, registrations", async ({
    baseURL,
    request,
  }) => {
    const listingId = await announcedListing(request);
    const investorRequest = await signedIn(baseURL!, investor);
    const origin = new URL(baseURL!).origin;
    const nul = "\u0000";
    const before = await objectionCount(request, listingId);
    const answers = [
      await investorRequest.post(`/api/v1/listings/${listingId}/objections`, {
        data: { reasons: `The guarantor${nul} never signed the guarantee.` },
      }),
      await investorRequest.post(`/api/v1/listings/${listingId}/registrations`, {
        data: { applicantName: `Li Ming${nul}`, applicantIdType: "resident_id", applicantIdNumber: "110101199003076632" },
      }),
      await investorRequest.post("/account", { form: { intent: "createToken", name: `bot${nul}` } }),
      await request.post("/signup", {
        headers: { Origin: origin },
        form: {
          email: `nul.${Date.now()}@example.com`,
          password: "a-long-enough-password",
          displayName: `Zhang${nul}San`,
          organisationName: "Zhang San Investments",
          kind: "individual",
        },
      }),
    ];
    for (const answer of answers) {
      expect(answer.status(), answer.url()).toBe(400);
      expect((await answer.json()).error).toMatchObject({ code: "BAD_REQUEST", details: { rule: "nul" } });
    }
    expect(await objectionCount(request, listingId)).toBe(before);
    await investorRequest.dispose();
  });

  test("a page's action posted empty, as broken multipart or as something else than a form is refused, not a 500", async ({
    request,
    baseURL,
  }) => {
    const origin = new URL(baseURL!).origin;
    const empty = await request.post("/signin", { headers: { Origin: origin } });
    expect(empty.status()).toBe(422);
    const broken = await request.post("/signin", {
      headers: { Origin: origin, "Content-Type": "multipart/form-data; boundary=x" },
      data: "garbage",
    });
    expect(broken.status()).toBe(400);
    expect((await broken.json()).error.message).toContain("multipart");
    const json = await request.post("/signin", { headers: { Origin: origin }, data: { email: "a@b.example" } });
    expect(json.status()).toBe(415);
  });

  test("a page's action from another site is refused (403) even with a junk Bearer header", async ({ request }) => {
    const answer = await request.post("/signin", {
      headers: { Origin: "https://evil.example", Authorization: "Bearer junk" },
      form: { email: "investor@harbour.example", password: demoPassword },
    });
    expect(answer.status()).toBe(403);
    expect((await answer.json()).error.code).toBe("CSRF_REJECTED");
  });

  test("the legacy ?_data= parameter is refused (400), and a NUL in a search", async ({ request }) => {
    for (const url of ["/?_data=routes/_index", "/signup?_data=routes/signup", "/?q=%00", "/api/v1/listings?q=%00"]) {
      const answer = await request.get(url);
      expect(answer.status(), url).toBe(400);
      expect((await answer.json()).error.code).toBe("BAD_REQUEST");
    }
  });
});
