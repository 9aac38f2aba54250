/** To the parent over IPC; a child run standalone (`node --cpu-prof bench/.out/pipeline.js 10000`) prints instead. */
export function report(result: object): void {
  if (process.send) process.send(result);
  else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
