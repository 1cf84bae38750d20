/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "pl-demo-names.h"

/* The demo district is modelled on the empowerment zone of a mid-sized city
 * in western Massachusetts: mostly Spanish- and English-speaking families,
 * with smaller groups who came as refugees or immigrants from Vietnam, Iraq
 * and Syria, Bhutan and Nepal, Somalia, the Congo region, Brazil and Cape
 * Verde, Afghanistan, Haiti, Ukraine, China, Cambodia and West Africa.
 *
 * The names are common, real names, spelled as the families themselves write
 * them, so that search is exercised on the scripts, accents and name orders
 * a liaison really meets. Some Arabic names carry their vowel marks, as they
 * sometimes do on school forms, and some do not. */

/* Spanish: mostly Puerto Rican and Dominican families, some from Mexico and
 * Central America. Households often carry two surnames. */
static const char *const es_female[] = {
  "María", "Ana", "Carmen", "Rosa", "Luz", "Yolanda", "Marisol", "Gladys",
  "Yesenia", "Lourdes", "Nilda", "Maribel", "Milagros", "Iris", "Sonia",
  "Migdalia", "Zoraida", "Ángela", "Beatriz", "Gabriela", "Isabel",
  "Josefina", "Lucía", "Mónica", "Noemí", "Sofía", "Verónica", "Guadalupe",
  "Daniela", "Raquel", "Inés", "Ivelisse",
  NULL
};
static const char *const es_male[] = {
  "José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Ángel", "Pedro",
  "Rafael", "Héctor", "Ramón", "Víctor", "Julio", "Edwin", "Wilfredo",
  "Efraín", "Israel", "Rubén", "Andrés", "Javier", "Fernando", "Manuel",
  "Jesús", "Francisco", "Alejandro", "Raúl", "Sergio", "Óscar", "Adrián",
  "Joel", "Nelson", "Emanuel", "Iván",
  NULL
};
static const char *const es_family[] = {
  "Rodríguez", "Pérez", "Núñez", "González", "Hernández", "Rivera",
  "Santiago", "Torres", "Ortiz", "Díaz", "Cruz", "Colón", "Vázquez",
  "Martínez", "Ramos", "Sánchez", "Morales", "Reyes", "López", "Ramírez",
  "Figueroa", "Rosario", "Acevedo", "Báez", "Medina", "Meléndez",
  "Quiñones", "Velázquez", "Maldonado", "Castillo", "Jiménez", "Ruiz",
  "Gómez", "Delgado", "Álvarez", "Muñoz",
  NULL
};

static const char *const en_female[] = {
  "Mary", "Jennifer", "Jessica", "Ashley", "Sarah", "Elizabeth", "Emily",
  "Michelle", "Amanda", "Stephanie", "Nicole", "Rebecca", "Laura",
  "Kimberly", "Melissa", "Heather", "Amy", "Angela", "Brittany", "Samantha",
  "Rachel", "Tiffany", "Crystal", "Danielle", "Erin", "Kayla", "Megan",
  "Tanisha", "Keisha", "Latoya",
  NULL
};
static const char *const en_male[] = {
  "James", "John", "Michael", "David", "Robert", "William", "Christopher",
  "Daniel", "Matthew", "Joseph", "Anthony", "Mark", "Kevin", "Brian",
  "Steven", "Thomas", "Timothy", "Jason", "Ryan", "Eric", "Andrew",
  "Patrick", "Sean", "Marcus", "Terrence", "Derrick", "Jamal", "Tyrone",
  "Darnell", "Brandon",
  NULL
};
static const char *const en_family[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
  "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin",
  "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
  "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams",
  "Nelson", "Hill", "Campbell", "Mitchell", "Murphy", "Sullivan", "O'Brien",
  "Kelly", "Ryan", "Fitzgerald", "Washington",
  NULL
};

/* Vietnamese: family name first; the given names here include the middle
 * name (Thị, Văn, …) as families write it. */
static const char *const vi_female[] = {
  "Thị Hương", "Thị Lan", "Thị Mai", "Thị Hoa", "Thị Hằng", "Thị Thu",
  "Thị Ngọc", "Thị Hạnh", "Thị Phương", "Thị Thảo", "Thị Dung", "Thị Nga",
  "Thị Loan", "Thị Liên", "Thị Tuyết", "Ngọc Anh", "Thu Trang",
  "Minh Châu", "Bảo Ngọc", "Thanh Tâm", "Thúy Vy", "Kim Oanh",
  "Hồng Nhung", "Mỹ Linh", "Thanh Hà", "Phương Thảo", "Khánh Linh",
  "Diệu Linh",
  NULL
};
static const char *const vi_male[] = {
  "Văn Hùng", "Văn Minh", "Văn Nam", "Văn Dũng", "Văn Tuấn", "Văn Long",
  "Văn Thành", "Văn Hải", "Văn Phúc", "Văn Sơn", "Văn Cường", "Văn Đức",
  "Quốc Bảo", "Minh Khang", "Gia Huy", "Đức Anh", "Hoàng Long",
  "Quang Vinh", "Thanh Tùng", "Hữu Phước", "Trọng Nghĩa", "Công Danh",
  "Tấn Lộc", "Bảo Long", "Minh Trí", "Quang Huy", "Anh Khoa",
  NULL
};
static const char *const vi_family[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
  "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh",
  "Lâm", "Mai", "Tạ", "Đoàn", "Lương", "Cao", "Châu", "Tôn", "Quách",
  "Hà", "Trịnh", "Thái",
  NULL
};

/* Arabic: families from Iraq, Syria, Sudan and Yemen. */
static const char *const ar_female[] = {
  "فاطمة", "فَاطِمَة", "زينب", "زَيْنَب", "مريم", "مَرْيَم", "عائشة",
  "خديجة", "نور", "سارة", "هدى", "آمنة", "ليلى", "رنا", "سلمى", "دعاء",
  "أسماء", "رقية", "هبة", "إيمان", "نادية", "سعاد", "وفاء", "غادة",
  "منى", "سماح", "حنان", "شيماء", "لينا", "جميلة",
  NULL
};
static const char *const ar_male[] = {
  "محمد", "مُحَمَّد", "أحمد", "أَحْمَد", "علي", "عَلِيّ", "حسن", "حسين",
  "عمر", "خالد", "يوسف", "إبراهيم", "مصطفى", "محمود", "عبد الله",
  "عبد الرحمن", "سعيد", "طارق", "ياسر", "سامي", "كريم", "حمزة", "بلال",
  "عادل", "جمال", "فيصل", "ماجد", "وليد", "رامي", "نبيل", "ناصر", "هشام",
  NULL
};
static const char *const ar_family[] = {
  "العلي", "الحسن", "الجبوري", "الدليمي", "العبيدي", "الشمري", "التميمي",
  "الزبيدي", "الحسيني", "الخطيب", "حداد", "منصور", "مَنْصُور", "إبراهيم",
  "يوسف", "عثمان", "صالح", "عبد الله", "السعدي", "النجار", "الحلبي",
  "الأحمد", "قاسم", "حمدان", "سليمان", "عيسى", "درويش", "الكبيسي",
  "العمري", "الخوري",
  NULL
};

/* Nepali: mostly Lhotshampa families who came from the camps in Nepal. */
static const char *const ne_female[] = {
  "सीता", "गीता", "लक्ष्मी", "सरिता", "कमला", "राधा", "मन्जु", "सुनिता",
  "अनिता", "बिमला", "पार्वती", "दुर्गा", "सबिना", "पूजा", "सुष्मा", "रीता",
  "मीना", "उषा", "शान्ति", "तुलसी", "कल्पना", "सरस्वती", "गंगा", "यमुना",
  "प्रतिमा", "निर्मला", "भगवती",
  NULL
};
static const char *const ne_male[] = {
  "राम", "हरि", "कृष्ण", "बिष्णु", "गणेश", "दिल", "भक्त", "टेक", "पदम",
  "नर", "चन्द्र", "भीम", "शिव", "सुरेश", "रमेश", "दिनेश", "महेश",
  "गोपाल", "बिकास", "सन्तोष", "प्रकाश", "दीपक", "अर्जुन", "नारायण",
  "लक्ष्मण", "खड्ग", "तिलक",
  NULL
};
static const char *const ne_family[] = {
  "गुरुङ", "राई", "सुब्बा", "लिम्बु", "तामाङ", "घिमिरे", "अधिकारी",
  "भट्टराई", "पौडेल", "शर्मा", "दाहाल", "खतिवडा", "कोइराला", "निरौला",
  "पोखरेल", "ढकाल", "भण्डारी", "मगर", "छेत्री", "बिश्वकर्मा", "दर्जी",
  "मोंगर", "थापा", "बराल", "सापकोटा", "आचार्य", "न्यौपाने", "काफ्ले",
  NULL
};

/* Somali: names in Somali orthography (Maxamed, Cali) and in the English
 * spellings many families were registered under. */
static const char *const so_female[] = {
  "Faadumo", "Hodan", "Sahra", "Ayaan", "Hibo", "Maryan", "Xaawo",
  "Khadra", "Nimco", "Ubah", "Amina", "Asha", "Idil", "Deeqa", "Fardowsa",
  "Halima", "Hawa", "Ifrah", "Leyla", "Muna", "Nasra", "Safiya", "Sagal",
  "Shukri", "Zamzam", "Ikran", "Sucaad",
  NULL
};
static const char *const so_male[] = {
  "Maxamed", "Axmed", "Cabdi", "Cali", "Xasan", "Yuusuf", "Ibraahim",
  "Cumar", "Abdirahman", "Abdullahi", "Abdikadir", "Mahad", "Farah",
  "Hassan", "Guled", "Liban", "Mukhtar", "Nuur", "Osman", "Said",
  "Warsame", "Yasin", "Jamaal", "Khalid", "Bashir", "Daahir", "Ismaaciil",
  NULL
};
static const char *const so_family[] = {
  "Maxamed", "Cali", "Xasan", "Warsame", "Farah", "Hussein", "Osman",
  "Abdi", "Mohamud", "Jama", "Aden", "Ahmed", "Omar", "Yusuf", "Hirsi",
  "Egal", "Guled", "Samatar", "Dahir", "Nur", "Ismail", "Ibrahim",
  "Abdullahi", "Hassan", "Mohamed", "Ali", "Adan", "Sheikh",
  NULL
};

/* Swahili: families from the eastern Congo, Burundi, Tanzania and Kenya. */
static const char *const sw_female[] = {
  "Neema", "Amani", "Furaha", "Rehema", "Zawadi", "Imani", "Upendo",
  "Faraja", "Mwanaisha", "Aisha", "Halima", "Asha", "Mariamu", "Esther",
  "Grace", "Josephine", "Consolata", "Jeanne", "Solange", "Nadine",
  "Riziki", "Tumaini", "Sifa", "Mapendo", "Bahati", "Chantal",
  "Espérance",
  NULL
};
static const char *const sw_male[] = {
  "Baraka", "Jabari", "Juma", "Bakari", "Hamisi", "Idrisa", "Omari",
  "Rashidi", "Salim", "Musa", "Daudi", "Yohana", "Petro", "Emmanuel",
  "Jean-Pierre", "Patrick", "Innocent", "Faustin", "Kazadi", "Mukendi",
  "Ilunga", "Kabongo", "Shabani", "Amisi", "Héritier", "Josué", "Elia",
  NULL
};
static const char *const sw_family[] = {
  "Mwangi", "Otieno", "Kamau", "Ochieng", "Njoroge", "Wanjiru", "Hassani",
  "Juma", "Bakari", "Mushi", "Massawe", "Kimaro", "Ilunga", "Mukendi",
  "Kazadi", "Mbuyi", "Kalonji", "Tshibangu", "Ngoy", "Mulumba", "Kasongo",
  "Bahati", "Habimana", "Niyonzima", "Uwimana", "Nshimiyimana", "Bizimana",
  "Ndayisaba", "Hakizimana", "Amisi",
  NULL
};

/* Portuguese: Brazilian, Cape Verdean and Portuguese families. */
static const char *const pt_female[] = {
  "Maria", "Ana", "Conceição", "Fernanda", "Juliana", "Patrícia", "Aline",
  "Camila", "Beatriz", "Luana", "Gabriela", "Mariana", "Letícia",
  "Vitória", "Larissa", "Tatiana", "Rita", "Fátima", "Graça", "Lúcia",
  "Isabela", "Sônia", "Cristina", "Adriana", "Rosângela", "Débora",
  "Sílvia", "Joana",
  NULL
};
static const char *const pt_male[] = {
  "João", "José", "António", "Manuel", "Francisco", "Paulo", "Pedro",
  "Luís", "Carlos", "Marcos", "Rafael", "Thiago", "Lucas", "Gabriel",
  "Rodrigo", "Gustavo", "Fábio", "Márcio", "Sérgio", "Vítor", "Joaquim",
  "Fernando", "Ricardo", "Leandro", "Wellington", "Anderson", "Edson",
  "Cláudio",
  NULL
};
static const char *const pt_family[] = {
  "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues",
  "Almeida", "Ferreira", "Gomes", "Carvalho", "Ribeiro", "Lopes",
  "Martins", "Barbosa", "Araújo", "Fernandes", "Monteiro", "Tavares",
  "Correia", "Mendes", "Cardoso", "Teixeira", "Gonçalves", "Conceição",
  "Fonseca", "Brandão", "Medeiros", "Sousa", "Moreira",
  NULL
};

/* Dari: Afghan families, in Persian letters (ی and ک, not ي and ك). */
static const char *const prs_female[] = {
  "فاطمه", "زهرا", "مریم", "زینب", "شکیلا", "نازیه", "فریبا", "نرگس",
  "لیلا", "سهیلا", "پروین", "ملالی", "شبنم", "گلالی", "ستاره", "حمیده",
  "رحیمه", "نسرین", "فرزانه", "زرغونه", "مینا", "سمیرا", "عایشه",
  "خدیجه", "روشنا", "مژگان", "فرشته", "ثریا",
  NULL
};
static const char *const prs_male[] = {
  "محمد", "احمد", "علی", "حسین", "رحیم", "کریم", "عبدالله", "نصیر",
  "فرید", "جاوید", "شریف", "ظاهر", "نجیب", "حمید", "سمیع", "بشیر",
  "رحمان", "عزیز", "قادر", "حبیب", "مسعود", "ولی", "یوسف", "داوود",
  "فرهاد", "سهراب", "امید", "جمشید",
  NULL
};
static const char *const prs_family[] = {
  "احمدی", "محمدی", "حسینی", "رحیمی", "کریمی", "نوری", "صدیقی", "عزیزی",
  "قادری", "هاشمی", "رسولی", "سلطانی", "حیدری", "جعفری", "نظری", "امیری",
  "یوسفی", "سادات", "وردک", "پوپل", "نیازی", "فرهادی", "صافی", "طاهری",
  "اکبری", "قربانی", "رضایی", "نوروزی",
  NULL
};

/* Pashto: Afghan families, with the Pashto letters (ټ ړ ږ ښ ګ ۍ). */
static const char *const ps_female[] = {
  "ملالۍ", "زرغونه", "ګلالۍ", "شکیله", "پلوشه", "نجیبه", "فریده",
  "پروانه", "نازو", "وږمه", "مینه", "سپوږمۍ", "ګلپاڼه", "هیله", "ښکلا",
  "زرمینه", "شبنم", "ثنا", "مریم", "عایشه", "فاطمه", "خدیجه", "زینب",
  "حمیرا", "سلمه", "نادیه",
  NULL
};
static const char *const ps_male[] = {
  "احمد", "محمد", "وحید", "نورالله", "اجمل", "اسد", "بلال", "جمیل",
  "حبیب الله", "خالد", "زلمی", "سمیع الله", "شاه ولي", "عبدالرحمن",
  "عزیز", "فرید", "کامران", "لطف الله", "میرویس", "نجیب الله", "یونس",
  "هارون", "ایمل", "ذبیح الله", "شیرآغا", "ګل احمد",
  NULL
};
static const char *const ps_family[] = {
  "احمدزی", "یوسفزی", "ستانکزی", "پوپلزی", "بارکزی", "اڅکزی", "نورزی",
  "علیزی", "کاکړ", "وردګ", "مومند", "شینواري", "خټک", "افریدي", "صافي",
  "مندوزی", "زدران", "جاجي", "منګل", "اندړ", "ناصري", "دراني", "هوتک",
  "توخی", "غلجی",
  NULL
};

/* Haitian Creole. */
static const char *const ht_female[] = {
  "Marie", "Mirlande", "Nadège", "Fabienne", "Guerline", "Rose-Marie",
  "Manoucheka", "Widline", "Lovely", "Nathalie", "Roseline", "Edeline",
  "Ketly", "Myrlande", "Sabine", "Fedna", "Darline", "Wislande",
  "Mireille", "Yvrose", "Clotilde", "Magalie", "Kettia", "Nerlande",
  "Bernadette", "Marjorie",
  NULL
};
static const char *const ht_male[] = {
  "Jean", "Pierre", "Jean-Baptiste", "Jacques", "Wilner", "Frantz",
  "Réginald", "Evens", "Jonas", "Ronald", "Wesner", "Stanley", "Dieudonné",
  "Fritznel", "Wilson", "Jean-Robert", "Marc-Arthur", "Emmanuel", "Lesly",
  "Ernst", "Gérald", "Rony", "Yves", "Fritz", "Wisly", "Joseph",
  NULL
};
static const char *const ht_family[] = {
  "Jean", "Pierre", "Joseph", "Louis", "Charles", "Baptiste",
  "Saint-Fleur", "Jean-Louis", "Dorvil", "Augustin", "Célestin", "Étienne",
  "Fleurant", "Alexis", "Désir", "Michel", "Noël", "Toussaint", "Paul",
  "Cadet", "François", "Dorsainvil", "Jean-Charles", "Saint-Louis",
  "Exantus", "Lafortune", "Mérisier", "Thélusma",
  NULL
};

/* Russian: mostly Russian-speaking families from Ukraine and Moldova. The
 * family names are ones that do not change with the person's gender
 * (Шевченко, Мельник), since the demo picks one for the whole household. */
static const char *const ru_female[] = {
  "Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина",
  "Светлана", "Екатерина", "Юлия", "Анастасия", "Дарья", "Людмила",
  "Галина", "Валентина", "Оксана", "Марина", "Алёна", "Виктория",
  "Ксения", "Полина", "Софья", "Вера", "Надежда", "Любовь", "Евгения",
  "Кристина",
  NULL
};
static const char *const ru_male[] = {
  "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Иван",
  "Михаил", "Николай", "Владимир", "Евгений", "Павел", "Олег", "Игорь",
  "Юрий", "Виктор", "Артём", "Роман", "Денис", "Константин", "Василий",
  "Пётр", "Григорий", "Степан", "Богдан", "Тарас", "Вадим",
  NULL
};
static const char *const ru_family[] = {
  "Шевченко", "Бондаренко", "Коваленко", "Ткаченко", "Мельник",
  "Кравченко", "Бойко", "Ковальчук", "Савченко", "Лысенко", "Руденко",
  "Марченко", "Петренко", "Кравец", "Гончар", "Павленко", "Литвиненко",
  "Олейник", "Шевчук", "Сидоренко", "Кузьменко", "Романенко", "Коваль",
  "Мороз", "Лещенко", "Дяченко", "Чебан", "Русу", "Новик", "Лукашевич",
  NULL
};

/* Chinese: family name first; mostly simplified characters, with a few
 * Cantonese families who write traditional ones. */
static const char *const zh_female[] = {
  "秀英", "桂英", "秀兰", "玉兰", "丽", "静", "敏", "燕", "艳", "娟", "霞",
  "婷", "雪", "慧", "欣怡", "子涵", "雨涵", "梓萱", "诗涵", "佳怡", "思琪",
  "美玲", "丽华", "淑芬", "美華", "晓红", "春梅",
  NULL
};
static const char *const zh_male[] = {
  "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉",
  "建华", "志强", "国强", "建国", "浩然", "子轩", "宇航", "俊杰", "博文",
  "家豪", "志明", "文杰", "宏伟", "永康", "德華",
  NULL
};
static const char *const zh_family[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
  "马", "朱", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋",
  "唐", "许", "邓", "冯", "陳", "黃",
  NULL
};

/* Khmer: family name first. Some given names are given to girls and boys. */
static const char *const km_female[] = {
  "សុភា", "ស្រីមុំ", "ចន្ថា", "សុខា", "ដារ៉ា", "ស្រីនិច", "បុប្ផា", "ធីតា",
  "សុវណ្ណា", "រតនា", "ចាន់ធី", "សុភី", "គន្ធា", "ស្រីពៅ", "សុខលី",
  "វណ្ណា", "មាលា", "ដាលីន", "លក្ខិណា", "ស្រីល័ក្ខ", "ច័ន្ទមុន្នី", "ពិសី",
  "រស្មី", "សុគន្ធា", "សុផាន់ណា",
  NULL
};
static const char *const km_male[] = {
  "សុខា", "វិចិត្រ", "សម្បត្តិ", "ដារ៉ា", "សុផល", "វណ្ណៈ", "រតនៈ",
  "សុភ័ក្ត្រ", "ពិសិដ្ឋ", "ចំរើន", "សុវណ្ណ", "បញ្ញា", "វុទ្ធី", "សារិន",
  "ធារ៉ា", "ភារម្យ", "កុសល", "សុធា", "មករា", "សំណាង", "វាសនា", "រិទ្ធី",
  "បូរ៉ា", "ណារិទ្ធ", "សុខុម",
  NULL
};
static const char *const km_family[] = {
  "សុខ", "ចាន់", "ហេង", "លី", "គឹម", "ម៉ៅ", "អ៊ុក", "ជា", "ពៅ", "ខៀវ",
  "សៅ", "ឈឹម", "ទេព", "ប៊ុន", "មាស", "នួន", "ញឹម", "យឹម", "ព្រំ", "អ៊ឹម",
  "សំ", "កែវ", "ឡុង", "ទូច", "សេង", "ឯក", "ម៉ម", "ភួង",
  NULL
};

/* French: families from the Congo, West Africa and France. */
static const char *const fr_female[] = {
  "Marie", "Jeanne", "Claire", "Sophie", "Isabelle", "Nathalie", "Céline",
  "Élodie", "Camille", "Chloé", "Léa", "Manon", "Amélie", "Aurélie",
  "Brigitte", "Christine", "Geneviève", "Hélène", "Monique", "Sylvie",
  "Véronique", "Françoise", "Solange", "Béatrice", "Clémentine",
  "Joséphine", "Aminata", "Fatoumata",
  NULL
};
static const char *const fr_male[] = {
  "Jean", "Pierre", "Michel", "François", "Jacques", "Philippe", "Alain",
  "Bernard", "Olivier", "Nicolas", "Laurent", "Éric", "Stéphane",
  "Thierry", "Julien", "Sébastien", "Mathieu", "Guillaume", "Antoine",
  "Théo", "Hugo", "Étienne", "Frédéric", "Benoît", "Jérôme", "Moussa",
  "Mamadou", "Ibrahima",
  NULL
};
static const char *const fr_family[] = {
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
  "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel",
  "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
  "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Diallo",
  "Traoré", "Koné", "Mbemba", "Lumbala",
  NULL
};

/* Weights are families per 1000 and add up to 1000. */
static const PlDemoLanguageNames languages[] = {
  { "es",  470, es_female,  es_male,  es_family,  FALSE },
  { "en",  330, en_female,  en_male,  en_family,  FALSE },
  { "vi",   30, vi_female,  vi_male,  vi_family,  TRUE },
  { "ar",   30, ar_female,  ar_male,  ar_family,  FALSE },
  { "ne",   25, ne_female,  ne_male,  ne_family,  FALSE },
  { "so",   20, so_female,  so_male,  so_family,  FALSE },
  { "sw",   15, sw_female,  sw_male,  sw_family,  FALSE },
  { "pt",   15, pt_female,  pt_male,  pt_family,  FALSE },
  { "prs",  15, prs_female, prs_male, prs_family, FALSE },
  { "ht",   15, ht_female,  ht_male,  ht_family,  FALSE },
  { "ru",   10, ru_female,  ru_male,  ru_family,  FALSE },
  { "zh",   10, zh_female,  zh_male,  zh_family,  TRUE },
  { "km",    5, km_female,  km_male,  km_family,  TRUE },
  { "ps",    5, ps_female,  ps_male,  ps_family,  FALSE },
  { "fr",    5, fr_female,  fr_male,  fr_family,  FALSE },
};

static const char *const streets[] = {
  "State Street", "Main Street", "Belmont Avenue", "Sumner Avenue",
  "Dickinson Street", "Wilbraham Road", "Boston Road", "Carew Street",
  "Chestnut Street", "Liberty Street", "Union Street", "Walnut Street",
  "Maple Street", "Pine Street", "Oak Street", "Orange Street",
  "Worthington Street", "Hancock Street", "Allen Street", "Parker Street",
  "Roosevelt Avenue", "Page Boulevard", "Plainfield Street",
  "Armory Street", "Bay Street", "Berkshire Avenue", "Cooley Street",
  "Dwight Street", "Eastern Avenue", "Fort Pleasant Avenue",
  "Island Pond Road", "Jefferson Avenue", "King Street", "Locust Street",
  "Newbury Street", "Oakland Street", "Princeton Street", "Quincy Street",
  "Sherman Street", "Tyler Street", "Wason Avenue", "White Street",
  NULL
};

/* 35 elementary (PK–5), 10 middle (6–8), 3 K–8 and 12 high schools and
 * programs (9–12). */
static const PlDemoSchool schools[] = {
  { "Brightwood Elementary School",            "BRW", -1, 5 },
  { "Lincoln Elementary School",               "LIN", -1, 5 },
  { "Washington Elementary School",            "WAS", -1, 5 },
  { "Forest Park Elementary School",           "FPE", -1, 5 },
  { "Liberty Heights Elementary School",       "LHE", -1, 5 },
  { "Sumner Avenue Elementary School",         "SUM", -1, 5 },
  { "Pine Point Elementary School",            "PIP", -1, 5 },
  { "Six Corners Elementary School",           "SIX", -1, 5 },
  { "Indian Orchard Elementary School",        "IOE", -1, 5 },
  { "Sixteen Acres Elementary School",         "SXA", -1, 5 },
  { "Hungry Hill Elementary School",           "HHE", -1, 5 },
  { "Mason Square Elementary School",          "MSQ", -1, 5 },
  { "Old Hill Elementary School",              "OLH", -1, 5 },
  { "Upper Hill Elementary School",            "UPH", -1, 5 },
  { "McKnight Elementary School",              "MCK", -1, 5 },
  { "East Forest Park Elementary School",      "EFP", -1, 5 },
  { "Boston Road Elementary School",           "BRD", -1, 5 },
  { "Memorial Square Elementary School",       "MEM", -1, 5 },
  { "North End Elementary School",             "NEE", -1, 5 },
  { "South End Elementary School",             "SEE", -1, 5 },
  { "Atwater Park Elementary School",          "ATW", -1, 5 },
  { "Blunt Park Elementary School",            "BLU", -1, 5 },
  { "Van Horn Elementary School",              "VAN", -1, 5 },
  { "Armory Hill Elementary School",           "ARM", -1, 5 },
  { "Riverside Elementary School",             "RIV", -1, 5 },
  { "Island Pond Elementary School",           "ISP", -1, 5 },
  { "Chestnut Park Elementary School",         "CHP", -1, 5 },
  { "Harriet Tubman Elementary School",        "TUB", -1, 5 },
  { "Frederick Douglass Elementary School",    "DOU", -1, 5 },
  { "Theodor Geisel Elementary School",        "GEI", -1, 5 },
  { "Mary Lyon Elementary School",             "LYO", -1, 5 },
  { "Roberto Clemente Elementary School",      "CLE", -1, 5 },
  { "Rebecca Lee Crumpler Elementary School",  "CRU", -1, 5 },
  { "César Chávez Elementary School",          "CHA", -1, 5 },
  { "Dorothy Height Elementary School",        "HEI", -1, 5 },

  { "Duggan Academy",                          "DUG",  6, 8 },
  { "Kiley Middle School",                     "KIL",  6, 8 },
  { "Kennedy Middle School",                   "KEN",  6, 8 },
  { "Forest Park Middle School",               "FPM",  6, 8 },
  { "Chestnut Accelerated Middle School",      "CAM",  6, 8 },
  { "Van Sickle Academy",                      "VSA",  6, 8 },
  { "Watershops Middle School",                "WAT",  6, 8 },
  { "Pecousic Middle School",                  "PEC",  6, 8 },
  { "Sixteen Acres Middle School",             "SAM",  6, 8 },
  { "Riverview Middle School",                 "RVM",  6, 8 },

  { "Zanetti Montessori School",               "ZAN",  0, 8 },
  { "Pottenger K–8 School",                    "POT",  0, 8 },
  { "Hickory Street K–8 School",               "HIC",  0, 8 },

  { "Central High School",                     "CEN",  9, 12 },
  { "High School of Commerce",                 "COM",  9, 12 },
  { "Putnam Vocational Technical Academy",     "PUT",  9, 12 },
  { "Science and Technology High School",      "SCI",  9, 12 },
  { "Riverfront High School",                  "RFH",  9, 12 },
  { "Renaissance School",                      "REN",  9, 12 },
  { "International Academy for Newcomers",     "INA",  9, 12 },
  { "Gateway to College",                      "GTC",  9, 12 },
  { "Conservatory of the Arts",                "CON",  9, 12 },
  { "Early College High School",               "ECH",  9, 12 },
  { "Academy of Health Sciences",              "AHS",  9, 12 },
  { "Liberty Preparatory Academy",             "LPA",  9, 12 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (schools) == 60);

const PlDemoLanguageNames *
pl_demo_names_get_languages (guint *n_languages)
{
  if (n_languages != NULL)
    *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

const char *const *
pl_demo_names_streets (void)
{
  return streets;
}

const char *
pl_demo_names_city (void)
{
  return "Springfield";
}

const PlDemoSchool *
pl_demo_names_get_schools (guint *n_schools)
{
  if (n_schools != NULL)
    *n_schools = G_N_ELEMENTS (schools);
  return schools;
}
