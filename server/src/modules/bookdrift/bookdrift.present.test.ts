import { t } from '../../common/i18n.js';
import { eventNote, presentDashboard, presentWhere } from './bookdrift.present.js';

describe('book drift texts at the HTTP edge', () => {
  it('renders per-value messages with their label in each language', () => {
    expect(t('bookdrift.shipmentState.in_transit', 'zh-CN')).toBe('运单当前状态为“运输中”，不能执行此操作');
    expect(t('bookdrift.shipmentState.in_transit', 'en')).toBe('The shipment is in transit; this step is not possible now');
    expect(t('bookdrift.scheduleInvalid.two_batches_to_school', 'zh-CN', { round: 2 })).toBe(
      '轮换安排不合规：第 2 轮 同一所学校收到两批书',
    );
    expect(t('bookdrift.copyUnavailable.lost', 'zh-CN', { title: '西游记' })).toBe('《西游记》当前状态为“丢失”，不能共享');
  });

  it('renders notes the system stored as keys, and leaves what staff typed as it is', () => {
    expect(eventNote('bookdrift.event.missingAtReceipt', 'zh-CN')).toBe('签收时未扫描到');
    expect(eventNote('bookdrift.event.lostPastDeadline', 'en')).toBe('Missing past the deadline; recorded as lost');
    expect(eventNote('封面撕破 {x}', 'en')).toBe('封面撕破 {x}');
    expect(eventNote('bookdrift.event.unknown', 'en')).toBe('bookdrift.event.unknown');
  });

  it('says where a copy belongs, and labels dashboard rows', () => {
    const w = { driftCode: 'X', title: '红楼梦', shouldGoToSchoolId: 's', shouldGoToSchoolName: '柳溪村小学' };
    expect(presentWhere({ ...w, here: false }, 'zh-CN').message).toBe('《红楼梦》应当送往：柳溪村小学');
    expect(presentWhere({ ...w, here: true }, 'zh-CN').message).toBe('《红楼梦》应当在本校。');
    const row = { booksDrifting: 0, copiesReceived: 0, copiesRead: 0, notesWritten: 0, lost: 0, damaged: 0 };
    const d = presentDashboard(
      {
        ...row,
        schoolsReached: 0,
        perSchool: [],
        perRound: [{ ...row, key: '1' }],
        perLocality: [
          { ...row, key: 'urban' },
          { ...row, key: 'rural' },
        ],
      },
      'zh-CN',
    );
    expect(d.perRound[0].label).toBe('第 1 轮');
    expect(d.perLocality.map((r) => r.label)).toEqual(['城区学校', '乡镇/农村学校']);
  });
});
