import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, meOf, renderSignedIn, stubApi } from '../../test-utils/signed-in';
import type { S } from './queries';
import { CampaignMembership } from './CampaignMembership';
import './strings';

jest.setTimeout(60000);

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const GROUP = '00000000-0000-4000-8000-0000000000f1';
const ID = '00000000-0000-4000-8000-0000000000c1';

const school = (schoolId: string, name: string, partial: Partial<S['CampaignSchoolView']> = {}): S['CampaignSchoolView'] => ({
  schoolId,
  name,
  locality: 'urban',
  joinedRound: 1,
  leftRound: null,
  batchId: null,
  batchCopies: 3,
  ...partial,
});

/** Two schools in a three-round campaign whose round 1 is shipped: changes apply from round 2. */
const campaign: S['CampaignView'] = {
  id: ID,
  groupId: GROUP,
  name: '2026 春季图书漂流',
  startDate: '2026-03-02',
  roundWeeks: 4,
  rounds: 3,
  missingDays: 14,
  schools: [school(A, '木棉县第一实验学校'), school(B, '青石镇中心小学')],
  legs: [],
  shipments: [
    {
      id: 's1',
      campaignId: ID,
      campaignName: '2026 春季图书漂流',
      round: 1,
      isReturn: false,
      batchSchoolId: A,
      fromSchoolId: A,
      fromSchoolName: '木棉县第一实验学校',
      toSchoolId: B,
      toSchoolName: '青石镇中心小学',
      state: 'in_transit',
      expected: 3,
      received: 0,
      missing: 0,
    },
  ],
};

const groupView = {
  id: GROUP,
  name: '木棉县城乡教育共同体',
  kind: 'urban_rural',
  region: '',
  coreSchoolId: A,
  schools: [
    { id: A, name: '木棉县第一实验学校', code: 'A', locality: 'urban', stage: 'primary', district: '' },
    { id: B, name: '青石镇中心小学', code: 'B', locality: 'township', stage: 'primary', district: '' },
    { id: C, name: '柳溪村小学', code: 'C', locality: 'rural', stage: 'primary', district: '' },
  ],
};

describe('CampaignMembership', () => {
  beforeEach(() => localStorage.clear());

  it('a group admin adds a school of the group from the first open round, showing the server’s refusal first', async () => {
    const bodies: unknown[] = [];
    let refuse = true;
    stubApi(meOf({ role: 'group_admin', schoolId: null, groupIds: [GROUP] }), async (req, url) => {
      if (url.pathname === `/api/groups/${GROUP}`) return jsonResponse(200, groupView);
      if (url.pathname === `/api/bookdrift/campaigns/${ID}/join` && req.method === 'POST') {
        bodies.push(await req.json());
        if (refuse) {
          refuse = false;
          return jsonResponse(409, { code: 'CONFLICT', message: '第 1 轮及之前的运单已生成，只能调整之后的轮次' });
        }
        return jsonResponse(200, campaign);
      }
    });
    renderSignedIn(<CampaignMembership campaign={campaign} />);
    await userEvent.click(await screen.findByRole('button', { name: '加入本轮漂流' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/从第 2 轮起加入/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('combobox'));
    // only the group's school that is not in the campaign is offered
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option').length).toBeGreaterThan(0));
    expect([...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent)).toEqual(['柳溪村小学']);
    await userEvent.click(screen.getAllByText('柳溪村小学').at(-1)!);
    await userEvent.click(within(dialog).getByRole('button', { name: /加入本轮漂流/ }));
    expect(await within(dialog).findByText('第 1 轮及之前的运单已生成，只能调整之后的轮次')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: /加入本轮漂流/ }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({ schoolId: C, fromRound: 2 });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('leaving asks for confirmation that the batch returns home, then shows an API error clearly', async () => {
    const bodies: unknown[] = [];
    stubApi(meOf({ role: 'group_admin', schoolId: null, groupIds: [GROUP] }), async (req, url) => {
      if (url.pathname === `/api/groups/${GROUP}`) return jsonResponse(200, groupView);
      if (url.pathname === `/api/bookdrift/campaigns/${ID}/leave` && req.method === 'POST') {
        bodies.push(await req.json());
        return jsonResponse(400, { code: 'BAD_REQUEST', message: '该学校未参加此活动' });
      }
    });
    renderSignedIn(<CampaignMembership campaign={campaign} />);
    const row = await screen.findByTestId(`campaign-school-${B}`);
    await userEvent.click(within(row).getByRole('button', { name: /退\s*出/ }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('让“青石镇中心小学”退出本轮漂流？');
    expect(dialog.textContent).toMatch(/批次图书会回家.*寄回本校/);
    expect(bodies).toEqual([]); // nothing happens before the confirmation
    await userEvent.click(within(dialog).getByRole('button', { name: '确认退出' }));
    expect(await screen.findByText('该学校未参加此活动')).toBeInTheDocument();
    expect(bodies).toEqual([{ schoolId: B, fromRound: 2 }]);
  });

  it('a school admin sees the schools but no join or leave (the API allows only the group’s admins)', async () => {
    stubApi(meOf({ role: 'school_admin', schoolId: A }), () => undefined);
    renderSignedIn(<CampaignMembership campaign={campaign} />);
    expect(await screen.findByText('青石镇中心小学')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '加入本轮漂流' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /退\s*出/ })).not.toBeInTheDocument();
  });
});
