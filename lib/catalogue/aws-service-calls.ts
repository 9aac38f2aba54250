import { regionalArn, theResource } from './aws-arn';
import type { AwsResourceType } from './definition';

// API Gateway authorises `execute-api:Invoke` on `<api id>/<stage>/<HTTP method>/<resource path>`, the path being
// the request's own (path parameters filled in). A stage name never holds `/`, nor `$` except in `$default`.
const API_STAGE = '(?<apiId>[a-z0-9]{10})/(?<stage>[A-Za-z0-9_-]{1,128}|\\$default)';
// The verbs a request carries; `ANY` is a route setting, never a request's method.
const HTTP_METHOD = '(?<method>DELETE|GET|HEAD|OPTIONS|PATCH|POST|PUT)';
// Literal path segments: no `*`, `?` or `$`, so the policy names exactly this route.
const RESOURCE_PATH = '(?<path>[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*)';

// Source: API Gateway "Control access to a REST API with IAM permissions" and "Control access to HTTP APIs with IAM
// authorization" (https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html).
const IAM_AUTHORIZATION =
  'The method (REST API) or route (HTTP API) must use IAM authorization (`AWS_IAM`); the workload signs its requests with Signature Version 4 for the service `execute-api`.';

export const AWS_SERVICE_CALL_TYPES: readonly AwsResourceType[] = [
  {
    key: 'execute-api-stage',
    cloud: 'aws',
    // Declared as `<api id>/<stage>`; the grant reaches every method and path of that one stage (the root too).
    pattern: regionalArn('execute-api', API_STAGE),
    example: 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod',
    setup: IAM_AUTHORIZATION,
    access: {
      invoke: [{ actions: ['execute-api:Invoke'], resources: ({ id }) => [`${id}/*/*`] }],
    },
  },
  {
    key: 'execute-api-method',
    cloud: 'aws',
    // One method on one exact path of one stage; a route with path parameters is reached through its stage.
    pattern: regionalArn('execute-api', `${API_STAGE}/${HTTP_METHOD}/${RESOURCE_PATH}`),
    example: 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/GET/orders/latest',
    setup: IAM_AUTHORIZATION,
    access: {
      invoke: [{ actions: ['execute-api:Invoke'], resources: theResource }],
    },
  },
];
