import { RDS_CONNECT } from './aws-databases';
import { recogniseResource } from './recognise';

/**
 * Whether the action is `rds-db:connect` granted on exact database users only. The service authorization
 * reference lists it under "Permissions management", yet on one `dbuser` ARN it changes no policy and grants
 * no AWS permission: it lets the workload log in to that database as that user, with the grants the database
 * gave the user. Any wildcard in the resource (another user, every database) keeps it privileged.
 */
export function connectsAsExactDatabaseUsers(action: string, resources: readonly string[]): boolean {
  return action.toLowerCase() === RDS_CONNECT && resources.length > 0 && resources.every((resource) => recogniseResource(resource)?.type === 'rds-db-user');
}
