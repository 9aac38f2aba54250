// Parses the workflow on stdin as GitHub does (@actions/workflow-parser) and prints its errors and steps as JSON.
import { register } from 'node:module';

register('./workflow-parser-hooks.mjs', import.meta.url);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const result = parseWorkflow({ name: 'workflow.yml', content: Buffer.concat(chunks).toString('utf8') }, new NoOperationTraceWriter());
const errors = result.context.errors.getErrors().map((error) => error.message);
const template = errors.length === 0 ? await convertWorkflowTemplate(result.context, result.value) : undefined;
const steps = (template?.jobs ?? []).flatMap((job) => (job.steps ?? []).map((step) => step.uses?.value ?? step.uses));
process.stdout.write(JSON.stringify({ errors, steps }));
