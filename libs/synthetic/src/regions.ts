/** The 17 regions and 3 cities of republican significance, with a KATO code of each centre. */
export interface Region { name: string; centre: string; kato: string }

export const REGIONS: readonly Region[] = [
  { name: 'Astana', centre: 'Astana', kato: '711000000' },
  { name: 'Almaty', centre: 'Almaty', kato: '751000000' },
  { name: 'Shymkent', centre: 'Shymkent', kato: '791000000' },
  { name: 'Abai Region', centre: 'Semey', kato: '631000000' },
  { name: 'Akmola Region', centre: 'Kokshetau', kato: '111000000' },
  { name: 'Aktobe Region', centre: 'Aktobe', kato: '151000000' },
  { name: 'Almaty Region', centre: 'Konayev', kato: '191000000' },
  { name: 'Atyrau Region', centre: 'Atyrau', kato: '231000000' },
  { name: 'East Kazakhstan Region', centre: 'Oskemen', kato: '631010000' },
  { name: 'Jambyl Region', centre: 'Taraz', kato: '311000000' },
  { name: 'Jetisu Region', centre: 'Taldykorgan', kato: '331000000' },
  { name: 'Karaganda Region', centre: 'Karaganda', kato: '351000000' },
  { name: 'Kostanay Region', centre: 'Kostanay', kato: '391000000' },
  { name: 'Kyzylorda Region', centre: 'Kyzylorda', kato: '431000000' },
  { name: 'Mangystau Region', centre: 'Aktau', kato: '471000000' },
  { name: 'North Kazakhstan Region', centre: 'Petropavl', kato: '591000000' },
  { name: 'Pavlodar Region', centre: 'Pavlodar', kato: '551000000' },
  { name: 'Turkistan Region', centre: 'Turkistan', kato: '611000000' },
  { name: 'Ulytau Region', centre: 'Zhezkazgan', kato: '621000000' },
  { name: 'West Kazakhstan Region', centre: 'Oral', kato: '271000000' },
];
