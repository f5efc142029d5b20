import { searchKey, subjectKeys } from './search-key';

describe('searchKey', () => {
  it.each([
    ['Жанбулатов', 'Dzhanbulatov'],
    ['Джанбулатов', 'Zhanbulatov'],
    ['Хасенов', 'Khasenov'],
    ['Хасенов', 'Hasenov'],
    ['Юсупов', 'Iusupov'],
    ['Нурсултан', 'Nursoultan'],
    ['Шалкар', 'Şalkar'],
    ['Қасымов', 'Qasymov'],
    ['Әлия', 'Aliya'],
    // MVD-1997 writes е after a vowel as YE: ЫЕ is YYE and ИЕ is IYE.
    ['Новые технологии', 'Novyye tekhnologii'],
    ['Сибирские', 'Sibirskiye'],
    ['Шыем', 'Shyyem'],
    ['Новые технологии', 'Novye tekhnologii'],
    // ICAO 9303 writes Ъ as IE.
    ['Подъячев', 'Podieiachev'],
    ['Подъячев', 'Podyachev'],
    ['Объединение', 'Obieedinenie'],
    ['Андреевич', 'Andreyevich'],
    ['Соловьёв', 'Solovyev'],
  ])('%s and %s share a skeleton', (a, b) => {
    expect(searchKey(a)).toBe(searchKey(b));
  });

  it('drops legal-form words and quotes in every script', () => {
    expect(searchKey('ТОО «Altyn Agro»')).toBe(searchKey('Altyn Agro LLP'));
    expect(searchKey('«Алтын Агро» ЖШС')).toBe(searchKey('Altyn Agro'));
  });

  it('keys a legal entity by its three names, the short Russian one standing in for a missing English one', () => {
    const keys = subjectKeys({ idKind: 'BIN', nameKk: '«Алтын Агро» ЖШС', nameRu: 'ТОО «Алтын Агро»', nameEn: null, shortNameRu: 'Алтын Агро Сервис', personName: null });
    expect(keys).toEqual({ kk: 'altin agro', ru: 'altin agro', en: 'altin agro servis', person: '', all: 'altin agro | altin agro servis' });
  });

  it('keys an entrepreneur by the full name only', () => {
    expect(subjectKeys({ idKind: 'IIN', nameKk: null, nameRu: null, nameEn: null, shortNameRu: null, personName: 'Сейткали Айгерим Маратовна' }))
      .toEqual({ kk: '', ru: '', en: '', person: 'seitkali aigerim maratovna', all: 'seitkali aigerim maratovna' });
  });
});
