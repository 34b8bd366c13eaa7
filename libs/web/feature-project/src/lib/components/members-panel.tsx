import { addMemberRequestSchema, MEMBER_ROLES, memberRoleSchema, type MemberRole } from '@arbiter/contracts';
import { errorView, useAddMember, useMembers } from '@arbiter/web/data-access';
import { Card, ErrorMessage } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';

export interface MembersPanelProps {
  projectId: string;
}

export function MembersPanel({ projectId }: MembersPanelProps) {
  const members = useMembers(projectId);
  const add = useAddMember(projectId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('annotator');
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = addMemberRequestSchema.safeParse({ email: email.trim(), role });
    if (!parsed.success) return setInvalid('Enter a valid email address.');
    setInvalid(null);
    add.mutate(parsed.data, { onSuccess: () => setEmail('') });
  };

  return (
    <Card title="Members" testId="members">
      {members.isError && <ErrorMessage {...errorView(members.error)} />}
      {members.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => (
              <tr key={m.userId}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  <span className="badge">{m.role}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form__row" onSubmit={submit} aria-label="Add member" noValidate>
        <label className="field">
          <span>Email</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="member-email" />
        </label>
        <label className="field">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(memberRoleSchema.catch(role).parse(e.target.value))} data-testid="member-role">
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn" disabled={add.isPending}>
          Add member
        </button>
      </form>
      {invalid && <ErrorMessage message={invalid} />}
      {add.isError && <ErrorMessage {...errorView(add.error)} />}
    </Card>
  );
}
