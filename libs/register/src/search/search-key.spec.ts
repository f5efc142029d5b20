import { searchKey } from './search-key';

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
  ])('%s and %s share a skeleton', (a, b) => {
    expect(searchKey(a)).toBe(searchKey(b));
  });

  it('drops legal-form words and quotes in every script', () => {
    expect(searchKey('ТОО «Altyn Agro»')).toBe(searchKey('Altyn Agro LLP'));
    expect(searchKey('«Алтын Агро» ЖШС')).toBe(searchKey('Altyn Agro'));
  });
});
