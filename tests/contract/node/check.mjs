// A foreign subscriber in Node.js. Reads every record of the given topics from the
// beginning and checks each one using only docs/events/: a binary-mode CloudEvent (the
// cloudevents SDK parses and validates it), a type the catalogue lists for the topic,
// ce_dataschema naming that type's schema file, ce_correlationid and ce_partitionkey
// present, the payload valid against the JSON Schema (ajv, draft 2020-12).
//
//   node check.mjs <bootstrap> '{"<topic>": "<catalogue topic>", ...}' <docs/events> [count]
//
// With [count] it reads until that many records arrived (some brokers, such as the
// embedded Tansu, answer ListOffsets short); else up to the offsets the broker reports.
//
// Prints one JSON line: {"checked": n, "types": {...}, "problems": [...]}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { Kafka as CloudEventsKafka } from "cloudevents";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [bootstrap, topicsJson, eventsDir, count] = process.argv.slice(2);
const topics = JSON.parse(topicsJson);
const readme = readFileSync(join(eventsDir, "README.md"), "utf8");

const catalogue = {};
let current = null;
for (const line of readme.split("\n")) {
  const topic = line.match(/^## Topic `([^`]+)`/);
  const type = line.match(/^\| `([^`]+)` \| \[([^\]]+)\]/);
  if (topic) current = catalogue[topic[1]] = {};
  else if (type && current) current[type[1]] = type[2];
}
const others = readme.split("## Other records on every topic")[1].split("\n## ")[0];
const skipped = new Set([...others.matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]));

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = {};
const validatorFor = (file) =>
  (validators[file] ??= ajv.compile(JSON.parse(readFileSync(join(eventsDir, file), "utf8"))));

const kafka = new Kafka({ clientId: "contract-node", brokers: [bootstrap], logLevel: logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();
let expected = 0;
for (const topic of Object.keys(topics)) {
  for (const p of await admin.fetchTopicOffsets(topic)) expected += Number(p.high) - Number(p.low);
}
await admin.disconnect();
if (count !== undefined) expected = Number(count);

const problems = [];
const types = {};
let checked = 0;
const check = (topic, message) => {
  const headers = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = v?.toString();
  if (skipped.has(headers.ce_type)) return;
  const found = [];
  const where = `${topic}@${message.offset} ${headers.ce_type}`;
  let event;
  try {
    event = CloudEventsKafka.toEvent({ headers, key: message.key?.toString(), value: message.value });
  } catch (err) {
    problems.push(`${where}: not a valid binary CloudEvent: ${err.message ?? err}`);
    return;
  }
  const listed = catalogue[topics[topic]] ?? {};
  const file = listed[event.type];
  types[event.type] = (types[event.type] ?? 0) + 1;
  if (!file) found.push(`type not in the catalogue of ${topics[topic]}`);
  if (!event.correlationid) found.push("no ce_correlationid");
  if (event.partitionkey !== event.subject) found.push("key and ce_subject differ");
  if (!headers.ce_partitionkey) found.push("no ce_partitionkey");
  if (event.datacontenttype !== "application/json") found.push("datacontenttype is not JSON");
  if (file) {
    if (!String(event.dataschema ?? "").endsWith("/" + file)) found.push(`dataschema is not ${file}`);
    const validate = validatorFor(file);
    const data = typeof event.data === "object" ? event.data : JSON.parse(message.value.toString());
    if (!validate(data)) found.push(...validate.errors.map((e) => `${e.instancePath} ${e.message}`));
  }
  if (found.length) problems.push(`${where}: ${found.join("; ")}`);
};

const consumer = kafka.consumer({ groupId: `contract-node-${Date.now()}` });
await consumer.connect();
await consumer.subscribe({ topics: Object.keys(topics), fromBeginning: true });
let seen = 0;
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`timed out after ${seen} of ${expected}`)), 60000);
  if (expected === 0) resolve();
  consumer
    .run({
      eachMessage: async ({ topic, message }) => {
        checked += 1;
        seen += 1;
        check(topic, message);
        if (seen >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    })
    .catch(reject);
});
await consumer.disconnect();
console.log(JSON.stringify({ checked, types, problems }));
