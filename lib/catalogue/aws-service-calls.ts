import { regionalArn, theResource } from './aws-arn';
import type { AwsResourceType } from './definition';

// API Gateway authorises `execute-api:Invoke` on `<api id>/<stage>/<HTTP method>/<resource path>`, the path being
// the request's own (path parameters filled in). A stage name never holds `/`, nor `$` except in `$default`.
const API_STAGE = '[a-z0-9]{10}/(?:[A-Za-z0-9_-]{1,128}|\\$default)';
// The verbs a request carries; `ANY` is a route setting, never a request's method.
const HTTP_METHOD = '(?:DELETE|GET|HEAD|OPTIONS|PATCH|POST|PUT)';
// Literal path segments: no `*`, `?` or `$`, so the policy names exactly this route.
const RESOURCE_PATH = '[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*';

export const AWS_SERVICE_CALL_TYPES: readonly AwsResourceType[] = [
  {
    key: 'execute-api-stage',
    cloud: 'aws',
    // Declared as `<api id>/<stage>`; the grant reaches every method and path of that one stage (the root too).
    pattern: regionalArn('execute-api', API_STAGE),
    access: {
      invoke: [{ actions: ['execute-api:Invoke'], resources: ({ id }) => [`${id}/*/*`] }],
    },
  },
  {
    key: 'execute-api-method',
    cloud: 'aws',
    // One method on one exact path of one stage; a route with path parameters is reached through its stage.
    pattern: regionalArn('execute-api', `${API_STAGE}/${HTTP_METHOD}/${RESOURCE_PATH}`),
    access: {
      invoke: [{ actions: ['execute-api:Invoke'], resources: theResource }],
    },
  },
];
