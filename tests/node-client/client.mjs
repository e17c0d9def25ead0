// Checks a running `rait serve` with the official openai package. Env: OPENAI_BASE_URL (…/v1), OPENAI_API_KEY, RAIT_MODEL.
// Exits non-zero with a message on the first failed check; prints one JSON summary line on success.
import OpenAI from "openai";

const baseURL = process.env.OPENAI_BASE_URL;
const model = process.env.RAIT_MODEL;
if (!baseURL || !model) {
  console.error("set OPENAI_BASE_URL and RAIT_MODEL");
  process.exit(2);
}
const client = new OpenAI({ baseURL, apiKey: process.env.OPENAI_API_KEY ?? "none", maxRetries: 0 });

function check(cond, what) {
  if (!cond) throw new Error("check failed: " + what);
}

const messages = [{ role: "user", content: "Once upon a time" }];

// 1. Plain chat, greedy.
const chat = await client.chat.completions.create({ model, messages, max_tokens: 8, temperature: 0 });
const text = chat.choices[0].message.content;
check(chat.object === "chat.completion", "object is chat.completion");
check(typeof text === "string" && text.length > 0, "non-empty content");
check(["stop", "length"].includes(chat.choices[0].finish_reason), "finish_reason");
check(chat.usage.total_tokens === chat.usage.prompt_tokens + chat.usage.completion_tokens, "usage adds up");

// 2. Streaming: the deltas concatenate to the same greedy text, usage arrives last.
const stream = await client.chat.completions.create({
  model, messages, max_tokens: 8, temperature: 0, stream: true, stream_options: { include_usage: true },
});
let streamed = "";
let finish = null;
let usage = null;
for await (const chunk of stream) {
  for (const c of chunk.choices) {
    streamed += c.delta?.content ?? "";
    if (c.finish_reason) finish = c.finish_reason;
  }
  if (chunk.usage) usage = chunk.usage;
}
check(streamed === text, `streamed text ${JSON.stringify(streamed)} equals ${JSON.stringify(text)}`);
check(finish === chat.choices[0].finish_reason, "stream finish_reason");
check(usage && usage.completion_tokens === chat.usage.completion_tokens, "stream usage");

// 3. Logprobs with alternatives.
const lp = await client.chat.completions.create({ model, messages, max_tokens: 8, temperature: 0, logprobs: true, top_logprobs: 3 });
const content = lp.choices[0].logprobs.content;
check(content.length === lp.usage.completion_tokens, "one logprob entry per completion token");
for (const t of content) {
  check(t.logprob <= 0, "logprob <= 0");
  check(t.top_logprobs.length === 3, "3 alternatives");
  check(Math.abs(t.top_logprobs[0].logprob - t.logprob) < 1e-4, "greedy token is the top alternative");
}

// 4. Streaming with logprobs: tokens arrive with their log-probs while the model still decodes. The server reports, in the
// usage chunk, how many events it had already sent when generation ended (a Rait extension field).
const lpStream = await client.chat.completions.create({
  model, messages, max_tokens: 200, temperature: 0, logprobs: true, top_logprobs: 2, stream: true,
  stream_options: { include_usage: true },
});
let lpText = "";
let lpEntries = [];
let firstTokenAt = -1;
let events = 0;
let eventsBeforeEnd = null;
let lpUsage = null;
for await (const chunk of lpStream) {
  events++;
  for (const c of chunk.choices) {
    lpText += c.delta?.content ?? "";
    for (const t of c.logprobs?.content ?? []) {
      if (firstTokenAt < 0) firstTokenAt = events;
      lpEntries.push(t);
    }
  }
  if (chunk.usage) {
    lpUsage = chunk.usage;
    eventsBeforeEnd = chunk.events_before_end;
  }
}
check(lpUsage !== null, "usage chunk with include_usage");
check(lpEntries.length === lpUsage.completion_tokens, `one streamed logprob entry per token (${lpEntries.length} vs ${lpUsage.completion_tokens})`);
for (const t of lpEntries) {
  check(t.logprob <= 0 && t.top_logprobs.length === 2, "streamed entry has a logprob and 2 alternatives");
  check(Math.abs(t.top_logprobs[0].logprob - t.logprob) < 1e-4, "streamed greedy token is the top alternative");
}
check(lpEntries.map((t) => t.token).join("").startsWith(lpText.slice(0, 1)), "streamed tokens spell the text");
check(typeof eventsBeforeEnd === "number", "server reports events_before_end");
// Event 1 is the role delta; the first token came in event firstTokenAt, and the server had sent more than that before it finished.
check(firstTokenAt > 0 && eventsBeforeEnd >= firstTokenAt, `first token (event ${firstTokenAt}) arrived before generation ended (${eventsBeforeEnd} events sent by then)`);

// 5. Errors surface as typed API errors.
let status = 0;
try {
  await client.chat.completions.create({ model: "no-such-model", messages });
} catch (e) {
  status = e.status;
}
check(status === 404, "unknown model gives 404");

console.log(JSON.stringify({ ok: true, text, streamed_chunks: streamed.length, logprob_tokens: content.length,
  streamed_logprob_tokens: lpEntries.length, first_token_event: firstTokenAt, events_before_end: eventsBeforeEnd, stream_events: events }));
