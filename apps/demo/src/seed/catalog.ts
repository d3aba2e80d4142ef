/** Names, products and rooms the seeded history is made of, per business. */
export interface Catalog {
  firstNames: readonly string[];
  lastNames: readonly string[];
  childNames: readonly string[];
  emailDomain: readonly string[];
  phonePrefix: string;
  products: readonly { name: string; price: number }[];
  resources: readonly string[];
  /** The office IPs staff usually work from, per location. */
  officeIps: Readonly<Record<string, readonly string[]>>;
}

const NOTES = [
  'Called to confirm the party menu; wants a gluten-free cake.',
  'Asked for an invoice for the company.',
  'Prefers to be contacted by e-mail.',
  'Birthday party: 12 kids, needs an extra table.',
  'Complained about the waiting time at the desk; offered a free pass.',
  'Regular on Saturdays, please greet by name.',
  'Allergy: peanuts (child).',
  'Wants to switch the booking to the morning slot next time.',
] as const;

/** Texts of the seeded manual notes. */
export const NOTE_BODIES: readonly string[] = NOTES;

/** The catalogues of the two businesses. */
export const CATALOGS: Readonly<Record<string, Catalog>> = {
  harbor: {
    firstNames: [
      'Olivia',
      'Jack',
      'Amelia',
      'Harry',
      'Isla',
      'George',
      'Ava',
      'Noah',
      'Mia',
      'Leo',
      'Grace',
      'Oscar',
      'Sophie',
      'Charlie',
      'Ella',
      'James',
    ],
    lastNames: [
      'Smith',
      'Jones',
      'Taylor',
      'Brown',
      'Williams',
      'Wilson',
      'Johnson',
      'Davies',
      'Patel',
      'Wright',
      'Walker',
      'Evans',
      'Thomas',
      'Hughes',
      'Green',
      'Hall',
    ],
    childNames: ['Lily', 'Alfie', 'Freya', 'Archie', 'Poppy', 'Finn', 'Rosie', 'Theo'],
    emailDomain: ['example.com', 'mail.test', 'inbox.test'],
    phonePrefix: '+44 7700 9',
    products: [
      { name: 'Party package (10 kids)', price: 250 },
      { name: 'Party package (20 kids)', price: 420 },
      { name: 'Soft play pass', price: 9 },
      { name: 'Family day ticket', price: 32 },
      { name: 'Grip socks', price: 3 },
      { name: 'Hot chocolate', price: 3.5 },
      { name: 'Pizza slice', price: 4 },
      { name: 'Gift voucher', price: 50 },
    ],
    resources: ['Party room A', 'Party room B', 'Pirate ship', 'Toddler zone'],
    officeIps: {
      'harbor-north': ['81.2.69.142', '81.2.69.143'],
      'harbor-south': ['81.2.70.17'],
    },
  },
  summit: {
    firstNames: [
      'Алексей',
      'Мария',
      'Дмитрий',
      'Анна',
      'Сергей',
      'Елена',
      'Иван',
      'Ольга',
      'Никита',
      'Татьяна',
      'Павел',
      'Ксения',
      'Артём',
      'Наталья',
    ],
    lastNames: [
      'Иванов',
      'Смирнов',
      'Кузнецов',
      'Попов',
      'Соколов',
      'Лебедев',
      'Козлов',
      'Новиков',
      'Морозов',
      'Волков',
      'Зайцев',
      'Павлов',
    ],
    childNames: ['Миша', 'Варя', 'Саша', 'Соня', 'Егор', 'Полина', 'Тимур', 'Алиса'],
    emailDomain: ['example.ru', 'mail.test', 'post.test'],
    phonePrefix: '+7 900 55',
    products: [
      { name: 'Разовое посещение', price: 900 },
      { name: 'Абонемент на месяц', price: 6500 },
      { name: 'Аренда скальников', price: 300 },
      { name: 'Мелок', price: 250 },
      { name: 'Тренировка с инструктором', price: 2500 },
      { name: 'Детский день рождения', price: 12000 },
    ],
    resources: ['Боулдеринг-зал', 'Трудность', 'Детская стена', 'Тренерская'],
    officeIps: {
      'summit-downtown': ['95.173.136.70', '95.173.136.71'],
      'summit-riverside': ['95.173.140.9'],
    },
  },
};

/** Browsers staff use; one is picked per person. */
export const USER_AGENTS: readonly string[] = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 15_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0',
  'Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
];

/** Addresses of strangers trying passwords. */
export const ATTACKER_IPS: readonly string[] = [
  '185.220.101.4',
  '45.155.205.233',
  '103.251.167.10',
];
