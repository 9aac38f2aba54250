import { azureRoleOnlyReads, gcpRoleOnlyReads } from '../../lib/catalogue/role-access';

/** Role names and ids from Google's predefined roles and Microsoft's built-in roles references. */
describe('roles that only read', () => {
  test('GCP: viewers read; creators, users and admins write; an uncatalogued role is not known to read', () => {
    expect(gcpRoleOnlyReads('roles/storage.objectViewer')).toBe(true);
    expect(gcpRoleOnlyReads('roles/storage.objectCreator')).toBe(false);
    expect(gcpRoleOnlyReads('roles/storage.objectUser')).toBe(false);
    expect(gcpRoleOnlyReads('roles/storage.admin')).toBe(false);
    expect(gcpRoleOnlyReads('roles/viewer')).toBe(false);
  });

  test('Azure: by GUID, ARM id (any case) or name', () => {
    expect(azureRoleOnlyReads('2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')).toBe(true);
    expect(azureRoleOnlyReads('/subscriptions/0b1c/providers/Microsoft.Authorization/roleDefinitions/2A2B9908-6EA1-4AE2-8E65-A410DF84E7D1')).toBe(true);
    expect(azureRoleOnlyReads('Storage Blob Data Reader')).toBe(true);
    expect(azureRoleOnlyReads('AcrPull')).toBe(true);
  });

  test('Azure: contributors, pushers and senders write; Owner is not known to read', () => {
    expect(azureRoleOnlyReads('/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe')).toBe(false);
    expect(azureRoleOnlyReads('AcrPush')).toBe(false);
    expect(azureRoleOnlyReads('Azure Service Bus Data Sender')).toBe(false);
    expect(azureRoleOnlyReads('8e3af657-a8ff-443c-a75c-2fe8c4bcb635')).toBe(false);
  });
});
