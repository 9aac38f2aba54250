import { formatPath, type DeclarationProblem } from './errors';
import type { Account } from '../model/account';
import type { Workload } from '../model/workload';

type Path = readonly (string | number)[];

/** A value with every place that gives it, to report a key that is given two values. */
class Claims {
  private readonly byKey = new Map<string, Map<string, { workload: string; path: Path }[]>>();

  add(key: string, value: string, workload: string, path: Path): void {
    const values = this.byKey.get(key) ?? new Map<string, { workload: string; path: Path }[]>();
    values.set(value, [...(values.get(value) ?? []), { workload, path }]);
    this.byKey.set(key, values);
  }

  /** For every key given several values: each place, with another value given elsewhere. */
  *conflicts(): Generator<{ key: string; value: string; path: Path; other: { value: string; workload: string; path: Path } }> {
    for (const key of [...this.byKey.keys()].sort()) {
      const values = this.byKey.get(key)!;
      if (values.size < 2) continue;
      const sorted = [...values.keys()].sort();
      for (const value of sorted) {
        const otherValue = sorted.find((candidate) => candidate !== value)!;
        const other = values.get(otherValue)![0];
        for (const place of values.get(value)!) yield { key, value, path: place.path, other: { value: otherValue, ...other } };
      }
    }
  }
}

const where = (workload: string, path: Path) => (workload ? `workload "${workload}" (${formatPath(path.slice(2))})` : formatPath(path));

/**
 * One cluster has one OIDC issuer and one issuer one cluster; one GCP project has one number. A declaration that
 * gives a cluster two issuers (or an issuer two clusters, or a project two numbers) describes tokens no cluster
 * issues, and would bind Pod Identity or GKE members to a cluster that is not the one trusted.
 */
export function clusterProblems(workloads: readonly Workload[], accounts: Readonly<Record<string, Account>>): DeclarationProblem[] {
  const clustersOfIssuer = new Claims();
  const issuersOfCluster = new Claims();
  const projectNumbers = new Claims();
  for (const [key, account] of Object.entries(accounts)) {
    if (account.cloud === 'gcp') projectNumbers.add(account.projectId, account.projectNumber, '', ['accounts', key, 'projectNumber']);
  }
  workloads.forEach((workload, w) =>
    workload.identities.forEach((identity, i) => {
      if (identity.kind !== 'kubernetes') return;
      const path = ['workloads', w, 'identities', i, 'kubernetes'];
      if (identity.eks && !identity.eks.podIdentity && identity.issuer) {
        const cluster = `${identity.eks.region}/${identity.eks.cluster}`;
        clustersOfIssuer.add(identity.issuer, cluster, workload.name, [...path, 'eks', 'cluster']);
        issuersOfCluster.add(cluster, identity.issuer, workload.name, [...path, 'issuer']);
      }
      if (identity.gke) projectNumbers.add(identity.gke.projectId, identity.gke.projectNumber, workload.name, [...path, 'gke', 'projectNumber']);
    }),
  );
  return [
    ...[...clustersOfIssuer.conflicts()].map(({ key, value, path, other }) => ({
      path,
      message: `issuer ${key} is the issuer of EKS cluster ${value} here and of ${other.value} in ${where(other.workload, other.path)}; one issuer belongs to one cluster`,
    })),
    ...[...issuersOfCluster.conflicts()].map(({ key, value, path, other }) => ({
      path,
      message: `EKS cluster ${key} has issuer ${value} here and ${other.value} in ${where(other.workload, other.path)}; a cluster has one issuer`,
    })),
    ...[...projectNumbers.conflicts()].map(({ key, value, path, other }) => ({
      path,
      message: `GCP project ${key} has number ${value} here and ${other.value} in ${where(other.workload, other.path)}; a project has one number`,
    })),
  ];
}
